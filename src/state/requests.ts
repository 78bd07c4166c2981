// "The latest request wins", written once. Each kind of request the store makes (a coverage run,
// a summary, a distance measurement, an import read, a scheme popup, an area's report) is a line:
// starting a request on a line aborts the one still going on it (and, where the worker can stop
// work, tells the worker through `cancel`), and the answer of an aborted request is dropped. A
// request is an AbortController's signal with the id the worker knows it by; ids come from one
// sequence per store, so they increase across lines too (the worker drops a run or report older
// than the newest it has seen).

interface CancellableRequest {
  /** The id sent with the request to the worker (increasing). */
  readonly id: number;
  /** Aborted when a newer request starts on the same line, or the line is stopped. */
  readonly signal: AbortSignal;
  /**
   * Whether this is still the line's request: neither aborted nor settled. Progress messages
   * check it, as a worker's last progress may arrive after its answer.
   */
  readonly active: boolean;
  /**
   * Calls `onValue` (or `onError`) with the promise's outcome unless this request was aborted
   * first; either way the request stops being the line's current one once the promise settles.
   */
  settle<T>(promise: Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): void;
}

interface RequestLine {
  /** Aborts the current request (if any) and starts a new one. */
  start(): CancellableRequest;
  /** Aborts the current request; true when one was going. */
  abort(): boolean;
  /** Whether a request started on this line has not settled or been aborted yet. */
  readonly busy: boolean;
}

export interface Requests {
  /** A line of requests; `cancel` tells the worker to stop an aborted request's work. */
  line(cancel?: (id: number) => void): RequestLine;
  /** An id from the same sequence, for anything else that must be unique within the store. */
  nextId(): number;
}

export function createRequests(): Requests {
  let sequence = 0;
  return {
    nextId: () => ++sequence,
    line: (cancel) => {
      let current: { id: number; controller: AbortController } | null = null;
      const abort = (): boolean => {
        if (!current) return false;
        const { id, controller } = current;
        current = null;
        controller.abort();
        cancel?.(id);
        return true;
      };
      return {
        get busy() {
          return current !== null;
        },
        abort,
        start: () => {
          abort();
          const controller = new AbortController();
          const request = { id: ++sequence, controller };
          current = request;
          const ended = () => {
            if (current === request) current = null;
          };
          return {
            id: request.id,
            signal: controller.signal,
            get active() {
              return current === request;
            },
            settle: (promise, onValue, onError) => {
              promise.then(
                (value) => {
                  if (controller.signal.aborted) return;
                  ended();
                  onValue(value);
                },
                (error: unknown) => {
                  if (controller.signal.aborted) return;
                  ended();
                  onError(error);
                },
              );
            },
          };
        },
      };
    },
  };
}
