/* bgthread.c - see bgthread.h. */
#include <signal.h>
#include <time.h>

#include "core/bgthread.h"

int bg_start(struct bgthread *b, void *(*fn)(void *), void *arg)
{
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	b->quit = 0;
	atomic_init(&b->stop, 0);
	/* the new thread inherits the creator's mask: block everything
	 * around its creation, then restore the creator's */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&b->thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->cv);
		return -1;
	}
	return 0;
}

int bg_wait(struct bgthread *b, int secs)
{
	if (secs <= 0) {
		if (!b->quit)
			pthread_cond_wait(&b->cv, &b->mu);
		return b->quit;
	}
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += secs;
	while (!b->quit && pthread_cond_timedwait(&b->cv, &b->mu, &until) == 0)
		;
	return b->quit;
}

void bg_stop(struct bgthread *b)
{
	pthread_mutex_lock(&b->mu);
	b->quit = 1;
	atomic_store(&b->stop, 1);
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	pthread_join(b->thread, NULL);
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
}
