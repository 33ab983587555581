// Preload (node -r) that forces every listening socket onto 127.0.0.1: Portkey's start
// script calls serve({port}) without a host, which would listen on all interfaces.
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'object' && args[0] !== null) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
    args = cb ? [args[0], '127.0.0.1', cb] : [args[0], '127.0.0.1'];
  }
  return listen.apply(this, args);
};
