/*
 * error.h: error codes, the last error message of the calling thread, and the library's
 * version: what every module and every caller of the library shares.
 *
 * Ownership: the message returned by cs_error_last() belongs to the library and stays valid
 * until the next call into the library from the same thread; copy it to keep it.
 *
 * Every function that can fail returns an int: 0 (CS_OK) on success or a negative CS_E* code,
 * and sets a message that says what went wrong and where (for data: "file:line:column: expected
 * ..., found ...").
 */
#ifndef CLUSTERSCOPE_ERROR_H
#define CLUSTERSCOPE_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CS_OK = 0,
    CS_ERROR = -1,     /* a runtime failure not covered below */
    CS_ENOMEM = -2,    /* out of memory, or over a configured memory limit */
    CS_EIO = -3,       /* a file could not be read or written */
    CS_EDATA = -4,     /* input data is malformed or violates the registry's rules */
    CS_EUSAGE = -5,    /* the caller passed arguments that do not fit */
    CS_ENOTFOUND = -6, /* a named object (cluster, method, file, database) does not exist */
    CS_EDB = -7,       /* the database refused an operation */
    CS_EPERM = -8,     /* the account's role does not allow the operation */
    CS_ECONFLICT = -9, /* the record changed since it was read, or was already decided */
    CS_ELIMIT = -10    /* too many requests of one kind from one client in a period */
} cs_error_code;

/* The message of the last failure on this thread, or "" when none is recorded. */
const char *cs_error_last(void);

/* The code of the last failure on this thread (CS_OK when none). */
int cs_error_last_code(void);

/* Forgets the last failure. */
void cs_error_clear(void);

/* Records a failure and returns its code, so callers can write `return cs_error_set(...)`. */
int cs_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Records a data error at a position in an input file:
 * "FILE:LINE:COLUMN: expected EXPECTED, found FOUND". line or column 0 leaves that part out.
 * `found` is quoted and shortened to 60 characters, with control bytes shown as \xNN.
 */
int cs_error_data(const char *file, long line, long column, const char *expected,
                  const char *found);

/* Prefixes the current message with "PREFIX: " (for adding context as an error travels up). */
int cs_error_wrap(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * What the caller could change for a failed call to succeed, for a front end to phrase in its
 * own terms (a CLI flag, a form field). Library messages speak of data and settings, never of
 * one front end's flags; the advice names the setting. cs_error_set() clears it.
 */
typedef enum {
    CS_ADVICE_NONE = 0,
    CS_ADVICE_K,              /* give the number of groups */
    CS_ADVICE_UNKNOWN_POLICY, /* choose how unknown values are treated */
    CS_ADVICE_DISTANCE,       /* choose another distance */
    CS_ADVICE_ALGORITHM,      /* choose another algorithm */
    CS_ADVICE_METHOD,         /* name the method the stored object was made with */
    CS_ADVICE_RUN,            /* choose another assessment run, or assess again */
    CS_ADVICE_MAX_MEMORY,     /* raise the memory limit */
    CS_ADVICE_KIND,           /* name the record kind of a CSV file */
    CS_ADVICE_ENCODING,       /* name the file's encoding */
    CS_ADVICE_OUTPUT_FOLDER,  /* name an output folder */
    CS_ADVICE_REGISTRY,       /* name the registry file, or create one */
    CS_ADVICE_CLASSIFY_AGAIN, /* make the partition again, or do without the stored one */
    CS_ADVICE_NEWER_SOFTWARE, /* the data were written by a newer version of the software */
    CS_ADVICE_MIGRATE,        /* open the registry for writing once, to bring it up to date */
    CS_ADVICE_ROLL_BACK,      /* open the registry as a user who may write it, to roll back an
                                 interrupted write */
    CS_ADVICE_COLUMNS,        /* map a CSV file's columns to the record kind's, or give values */
    CS_ADVICE_MIN_KNOWN,      /* lower the coverage a cluster needs to be analysed */
    CS_ADVICE_FIELD,          /* name a field the record has (an edit or a registration) */
    CS_ADVICE_SOURCE,         /* name a source the registry holds */
    CS_ADVICE_COUNT
} cs_advice;

/* Attaches advice to the last failure; returns its code, so `return cs_error_advise(...)`. */
int cs_error_advise(cs_advice advice);

/* The advice attached to the last failure (CS_ADVICE_NONE when none). */
cs_advice cs_error_advice(void);

/* The library's version, e.g. "0.1.0". */
const char *cs_version(void);

/* The process exit status the CLI uses for an error code: 2 usage, 3 bad data, 4 not allowed
 * (CS_EPERM), 5 conflict (CS_ECONFLICT), 1 otherwise. */
int cs_error_exit_status(int code);

#ifdef __cplusplus
}
#endif
#endif
