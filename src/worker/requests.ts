// The worker's requests in flight (runs, measurements, area reports), by id. A request stops when
// the page cancels its id, or when a newer request of the same kind has started (ids increase per
// client): an older answer is then never computed to the end, nor sent after a newer one.

export type RequestKind = 'run' | 'measure' | 'area';

export interface Request {
  /** A newer request of the same kind has started. */
  superseded(): boolean;
  /** Cancelled by id, or superseded. */
  isCancelled(): boolean;
  /** Forgets a cancellation of this id (the request is over). */
  end(): void;
}

export class Requests {
  private readonly cancelled = new Set<number>();
  private readonly newest = new Map<RequestKind, number>();

  /** Stops the request with this id at its next check. */
  cancel(id: number): void {
    this.cancelled.add(id);
  }

  begin(kind: RequestKind, id: number): Request {
    this.newest.set(kind, Math.max(this.newest.get(kind) ?? 0, id));
    const superseded = () => id < (this.newest.get(kind) ?? 0);
    return {
      superseded,
      isCancelled: () => this.cancelled.has(id) || superseded(),
      end: () => void this.cancelled.delete(id),
    };
  }
}
