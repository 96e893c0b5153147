/* spz/poll.h -- the IR op `poll` at loop back edges: what CPython's eval loop does on a backward
 * jump (its "eval breaker"): run pending signal handlers (an exception they raise surfaces at
 * the loop) and let other threads take the GIL.
 *
 * The slow path (poll.c) lets CPython's own eval-breaker code do the work.
 *
 * A frame with loops counts its back edges down in a register (`left`), so the hot path is one
 * decrement-and-branch. Frames add their count to spz_poll_ticks when they return, and a frame
 * starts with its budget lowered by it (`start`), so loops in short calls add up for the loop
 * that makes them (at most SPZ_POLL_EVERY back edges per frame on the stack between two
 * polls). 4096 back edges are microseconds in specialized loops, a few milliseconds at worst in
 * generic ones. Counters are unsigned (wrapping is harmless) and only touched with the GIL held. */
#ifndef SPZ_POLL_H
#define SPZ_POLL_H

#define SPZ_POLL_EVERY 4096u

/* back edges of frames that returned since the last poll */
SPZ_DATA unsigned spz_poll_ticks;

/* The slow path: whatever CPython's eval breaker has pending. 0, or -1 with an exception set. */
SPZ_API int spz_poll(void);

static inline unsigned spz_poll_limit(void) {
    return spz_poll_ticks < SPZ_POLL_EVERY ? SPZ_POLL_EVERY - spz_poll_ticks : 1;
}

/* declarations at function entry; the code must not take their address (registers) */
#define SPZ_POLL_ENTER(left, start) unsigned start = spz_poll_limit(), left = start
/* at a back edge: true when spz_poll raised */
#define SPZ_POLL(left, start) (SPZ_UNLIKELY(--(left) == 0) && ((left) = (start) = SPZ_POLL_EVERY, spz_poll() < 0))
/* on every return path: the back edges since entry or the last poll */
#define SPZ_POLL_LEAVE(left, start) (spz_poll_ticks += (start) - (left))

#endif /* SPZ_POLL_H */
