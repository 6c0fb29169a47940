// Installed before the page's own scripts: counts what is still alive, so that a mount and
// an unmount can be shown to leave nothing behind. Timers (timeouts not yet fired or
// cleared, intervals not cleared, animation frames not yet run), listeners on the window
// and the document (an element's own listeners go with it), and connections (event
// streams, broadcast channels, fetches in flight).
(() => {
  const live = { timeouts: new Set(), intervals: new Set(), frames: new Set(), listeners: new Map(), streams: new Set(), channels: new Set(), fetches: 0 };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci, requestAnimationFrame: raf, cancelAnimationFrame: caf } = window;
  window.setTimeout = function (callback, ms, ...rest) {
    const id = st.call(window, (...args) => {
      live.timeouts.delete(id);
      if (typeof callback === 'function') callback(...args);
    }, ms, ...rest);
    live.timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => {
    live.timeouts.delete(id);
    ct.call(window, id);
  };
  window.setInterval = function (callback, ms, ...rest) {
    const id = si.call(window, callback, ms, ...rest);
    live.intervals.add(id);
    return id;
  };
  window.clearInterval = (id) => {
    live.intervals.delete(id);
    ci.call(window, id);
  };
  window.requestAnimationFrame = (callback) => {
    const id = raf.call(window, (time) => {
      live.frames.delete(id);
      callback(time);
    });
    live.frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id) => {
    live.frames.delete(id);
    caf.call(window, id);
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const globalTarget = (target) => target === window || target === document;
  const key = (target, type, listener, options) => `${target === window ? 'window' : 'document'}:${type}:${String(typeof options === 'boolean' ? options : Boolean(options?.capture))}`;
  const listenerIds = new WeakMap();
  let nextId = 0;
  const idOf = (listener) => {
    if (!listenerIds.has(listener)) listenerIds.set(listener, ++nextId);
    return listenerIds.get(listener);
  };
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (globalTarget(this) && listener && !(typeof options === 'object' && options?.once)) live.listeners.set(`${key(this, type, listener, options)}:${String(idOf(listener))}`, type);
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (globalTarget(this) && listener) live.listeners.delete(`${key(this, type, listener, options)}:${String(idOf(listener))}`);
    return remove.call(this, type, listener, options);
  };
  // A connection class whose open instances are counted until `close()`.
  const counted = (Native, open) =>
    class extends Native {
      constructor(...args) {
        super(...args);
        open.add(this);
      }
      close() {
        open.delete(this);
        super.close();
      }
    };
  if (window.EventSource) window.EventSource = counted(window.EventSource, live.streams);
  if (window.BroadcastChannel) window.BroadcastChannel = counted(window.BroadcastChannel, live.channels);
  const nativeFetch = window.fetch;
  window.fetch = function (...args) {
    live.fetches += 1;
    return nativeFetch.apply(this, args).finally(() => {
      live.fetches -= 1;
    });
  };
  window.__benchLive = () => ({
    timers: live.timeouts.size + live.intervals.size + live.frames.size,
    listeners: live.listeners.size,
    connections: [...live.streams].filter((stream) => stream.readyState !== 2).length + live.channels.size + live.fetches,
  });
})();
