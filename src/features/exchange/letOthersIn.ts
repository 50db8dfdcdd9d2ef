/**
 * Lets the server's other requests run between two steps of an import. The embedded database
 * answers within the same turn of the event loop, so an import that only awaited its statements
 * would never let a waiting request in until it ended.
 */
export const letOthersIn = () => new Promise((resolve) => setImmediate(resolve));
