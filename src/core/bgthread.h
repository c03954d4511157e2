/* bgthread.h - a server's background thread (the import runner, the
 * inactive sweep): its lock, its wake-up, and its stop, in one place.
 *
 * The thread is created with every signal blocked, so a SIGTERM or SIGINT
 * sent to the process always reaches the main thread's sigwait (a thread
 * started before http_serve blocks them would otherwise take the signal
 * with its default action and kill the process). */
#ifndef LD_CORE_BGTHREAD_H
#define LD_CORE_BGTHREAD_H

#include <pthread.h>
#include <stdatomic.h>

struct bgthread {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int quit;		/* under mu: the thread is to end */
	atomic_int stop;	/* read without mu by long work between steps */
};

/* Start fn(arg) on a new thread; 0, or -1 when it could not be started
 * (then b holds nothing to stop). */
int bg_start(struct bgthread *b, void *(*fn)(void *), void *arg);

/* Under b->mu: wait until woken, or for at most `secs` seconds when secs
 * > 0; returns whether the thread is to end. */
int bg_wait(struct bgthread *b, int secs);

/* Ask the thread to end (quit and stop set, waiters woken), wait for it,
 * and free what bg_start made. */
void bg_stop(struct bgthread *b);

#endif
