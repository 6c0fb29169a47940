// A server component; the React app's App.tsx (copied here by scripts/pack-test.js) is the
// client component with the overlay and its event handlers.
import { App } from './App';

export default function Page() {
  return <App />;
}
