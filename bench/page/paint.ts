// One way to tell "painted" for every measure, so the widget and its baselines are timed
// alike: the next animation frame after the change, then the one after it (by then the
// change's frame was drawn).
export const frame = () =>
  new Promise<number>((resolve) => {
    requestAnimationFrame(() => {
      resolve(performance.now());
    });
  });

/** After the next frame has been painted: two animation frames. */
export const painted = async () => {
  await frame();
  return frame();
};

/** When the page has nothing left to do (no fixed wait: the browser says so). */
export const idle = () =>
  new Promise<void>((resolve) => {
    requestIdleCallback(() => {
      resolve();
    });
  });
