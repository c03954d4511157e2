/* migrations.h - the schema migrations embedded in the binary.
 *
 * Each is a numbered file in src/store/schema/ ("001_foundation.sql"), applied
 * in order, once, inside a transaction; its version is the file's number.
 * The store records the versions applied, applies every shipped one not
 * recorded (a lower number may come after a higher one), and refuses to open a database newer than the binary. The SQL is
 * portable between SQLite and PostgreSQL except for the tokens a backend
 * replaces before running it: @PK@ (an auto-assigned integer primary key)
 * and @C@ (a byte-order collation); and "@IF kind@ ... @END@" keeps the
 * text between for the backend of that kind only ("sqlite", "postgres"),
 * for what cannot be said portably (SQLite cannot drop a NOT NULL: it
 * rebuilds the table). */
#ifndef LD_STORE_MIGRATIONS_H
#define LD_STORE_MIGRATIONS_H

struct migration {
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
