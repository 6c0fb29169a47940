// A server component: the overlay, with its event handlers, is a client component.
import { Overlay } from './overlay';

export default function Page() {
  return <Overlay />;
}
