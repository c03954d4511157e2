/* reply.h - the rules of replies and notification preferences (issue 17):
 * what an SMS answer to a call-out says, and whether a moment falls in a
 * person's quiet hours. libc only.
 *
 * A call-out SMS says "回复1接受，2拒绝" (reply 1 to accept, 2 to decline).
 * The answer is read leniently the way people type on a phone: spaces
 * (also the ideographic space U+3000) around it are ignored, and full-width
 * digits count as digits. Anything else is unrecognised, never guessed.
 *
 * Quiet hours are minutes after midnight China time (Asia/Shanghai, UTC+8,
 * no daylight saving): [start, end), wrapping midnight when start > end
 * (22:00-07:00 is 1320-420). start == end is no quiet hours. */
#ifndef LD_DOMAIN_REPLY_H
#define LD_DOMAIN_REPLY_H

#include <stddef.h>
#include <stdint.h>

enum reply_word { RW_UNKNOWN, RW_ACCEPT, RW_DECLINE };

/* "1", "Y", "y", "是" (and "１") accept; "2", "N", "n", "否" (and "２")
 * decline; anything else, or more than one word, is RW_UNKNOWN. */
enum reply_word reply_word_parse(const char *s, size_t len);

#define QUIET_MINUTES_MAX 1439	/* 23:59 */
#define CHINA_UTC_OFFSET (8 * 3600)

/* The unix time at which the quiet hours around `now` end, or 0 when now
 * is not within them (or start == end, or either is outside 0..1439). */
int64_t quiet_until(int64_t now, int start, int end);

#endif
