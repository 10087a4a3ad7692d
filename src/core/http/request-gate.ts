import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * At most `limit` page requests in progress at once; the rest wait their turn
 * in arrival order. PGlite runs every query on the app's one thread, so more
 * pages in progress add no speed, only longer turns of the event loop: under a
 * burst, requests admitted late waited seconds behind the ones in progress.
 * Waiting in a queue instead keeps each wait proportional to its place in line.
 * Only requests without a body should pass through it: an upload arrives at
 * the client's pace and would hold a turn all that time.
 */
export function addRequestGate(app: FastifyInstance, options: { limit: number; applies: (request: FastifyRequest) => boolean }) {
  let inProgress = 0;
  const waiting: (() => void)[] = [];
  const leaveBy = new WeakMap<FastifyRequest, () => void>();
  app.addHook('onRequest', (request, reply, done) => {
    if (!options.applies(request)) return done();
    let state: 'waiting' | 'admitted' | 'left' = 'waiting';
    const admit = () => {
      state = 'admitted';
      inProgress++;
      done();
    };
    const leave = () => {
      if (state === 'admitted') {
        inProgress--;
        waiting.shift()?.();
      } else if (state === 'waiting') {
        // Gone while waiting: out of the line; nothing was started, so nothing is left to finish.
        const place = waiting.indexOf(admit);
        if (place >= 0) waiting.splice(place, 1);
      }
      state = 'left';
    };
    leaveBy.set(request, leave);
    // The turn ends when the response is ready to send (a slow reader does not hold it up),
    // or when the client goes away first.
    reply.raw.once('close', leave);
    if (inProgress < options.limit) admit();
    else waiting.push(admit);
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    leaveBy.get(request)?.();
    done(null, payload);
  });
  return {
    get inProgress() {
      return inProgress;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
