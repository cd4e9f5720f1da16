import { BehaviorSubject, type Observable, distinctUntilChanged } from 'rxjs';

/**
 * A pause signal from a consumer back to its producer: the consumer closes the valve when it falls
 * behind and opens it when it has caught up; a producer that can wait (a TCP socket, a file
 * reader) stops reading while it is closed. Nothing is buffered by the valve itself.
 */
export interface Valve {
  readonly isOpen: boolean;
  /** The open state now and at every change. */
  readonly open$: Observable<boolean>;
  open(): void;
  close(): void;
}

/**
 * Creates an open {@link Valve}.
 * @example
 * const valve = createValve();
 * valve.open$.subscribe((open) => (open ? socket.resume() : socket.pause()));
 */
export function createValve(): Valve {
  const state = new BehaviorSubject(true);
  return {
    get isOpen() { return state.value; },
    open$: state.pipe(distinctUntilChanged()),
    open: () => state.next(true),
    close: () => state.next(false),
  };
}
