/* qualify.h - which social-work qualification each kind of work needs
 * (issue 15, SPEC 3.2 and 3.5). The national levels are 助理社会工作师
 * (assistant), 社会工作师 (intermediate) and 高级社会工作师 (senior); a
 * worker without one is `none`. The defaults: a supervisor (督导) holds
 * 社会工作师 or above; the lead of a professional-mode activity and the
 * social worker who owns a case hold at least 助理社会工作师; a
 * domestic-violence case and a child-protection case (a left-behind child,
 * 未成年人保护法) need 社会工作师. A platform admin may raise or lower each
 * (the table qualification_rules keeps the changes). */
#ifndef LD_DOMAIN_QUALIFY_H
#define LD_DOMAIN_QUALIFY_H

#define QUAL_LEVELS(X)                       \
	X(NONE, "none", "无")                  \
	X(ASSISTANT, "assistant", "助理社会工作师") \
	X(INTERMEDIATE, "intermediate", "社会工作师") \
	X(SENIOR, "senior", "高级社会工作师")

enum qual_level {
#define X(id, name, zh) QL_##id,
	QUAL_LEVELS(X)
#undef X
	QL__COUNT
};

/* work: API name, what it is in Chinese, the default level */
#define QUAL_WORKS(X)                                                                 \
	X(SUPERVISOR, "supervisor", "督导", QL_INTERMEDIATE)                          \
	X(ACTIVITY_LEAD, "professional_activity_lead", "专业服务活动负责社工", QL_ASSISTANT) \
	X(CASE_OWNER, "case_owner", "个案负责社工", QL_ASSISTANT)                    \
	X(CASE_DV, "case_dv_victim", "家庭暴力个案", QL_INTERMEDIATE)                \
	X(CASE_CHILD, "case_left_behind_child", "儿童保护个案（留守儿童）", QL_INTERMEDIATE)

enum qual_work {
#define X(id, name, zh, def) QW_##id,
	QUAL_WORKS(X)
#undef X
	QW__COUNT
};

/* The level or work of an API name, or -1. */
int qual_level_parse(const char *name);
int qual_work_parse(const char *name);
const char *qual_level_name(enum qual_level l);
const char *qual_level_zh(enum qual_level l);
const char *qual_work_name(enum qual_work w);
const char *qual_work_zh(enum qual_work w);
enum qual_level qual_work_default(enum qual_work w);
/* The work a client category adds to case_owner (QW_CASE_DV for
 * dv_victim, QW_CASE_CHILD for left_behind_child), or -1. */
int qual_case_work(const char *client_category);
/* A holder of `held` may do work that needs `need`. */
int qual_enough(enum qual_level held, enum qual_level need);

#endif
