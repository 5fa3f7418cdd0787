#ifndef LOGBENCH_CLOGCODEC_H
#define LOGBENCH_CLOGCODEC_H

// A JSON codec for a run's log array, `[{"producer":Int,"seq":Int,"level":"info|warn|error",
// "ts":Int64,"message":String}, ...]`: simdjson parses it into POD records plus one byte buffer
// holding every unescaped message; a plain writer serializes the whole array back. Plain C, so
// Swift calls it without C++ interop. Nothing here throws or aborts on bad input: errors are returned.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Level codes, in LogLevel's order.
enum { LOGCODEC_INFO = 0, LOGCODEC_WARN = 1, LOGCODEC_ERROR = 2 };

/// One entry. `message_offset`/`message_length` index the array's message bytes (UTF-8, unescaped).
typedef struct logcodec_record {
    int64_t producer;
    int64_t seq;
    int64_t ts;
    uint64_t message_offset;
    uint64_t message_length;
    uint8_t level;
} logcodec_record;

/// Why a decode failed: a short kind, the entry index (-1 when not about one entry) and a message.
typedef enum logcodec_status {
    LOGCODEC_OK = 0,
    LOGCODEC_NOT_AN_ARRAY = 1,
    LOGCODEC_NOT_AN_OBJECT = 2,
    LOGCODEC_MISSING_FIELD = 3,
    LOGCODEC_WRONG_TYPE = 4,
    LOGCODEC_BAD_LEVEL = 5,
    LOGCODEC_MALFORMED = 6,
    LOGCODEC_OUT_OF_MEMORY = 7,
} logcodec_status;

typedef struct logcodec_error {
    logcodec_status status;
    int64_t entry;
    char message[200];
} logcodec_error;

/// A decoded array: records plus one byte buffer of messages. Owned by the caller.
typedef struct logcodec_logs logcodec_logs;

logcodec_logs *logcodec_logs_create(void);
/// A deep copy (for copy-on-write), or NULL when out of memory.
logcodec_logs *logcodec_logs_copy(const logcodec_logs *logs);
void logcodec_logs_destroy(logcodec_logs *logs);
size_t logcodec_logs_count(const logcodec_logs *logs);
const logcodec_record *logcodec_logs_records(const logcodec_logs *logs);
/// The message bytes every record indexes (not NUL-terminated).
const uint8_t *logcodec_logs_messages(const logcodec_logs *logs);
size_t logcodec_logs_message_bytes(const logcodec_logs *logs);
/// Makes room for `entries` more records and `message_bytes` more message bytes. Returns 0, or -1.
int logcodec_logs_reserve(logcodec_logs *logs, size_t entries, size_t message_bytes);
/// Appends one entry; `message` is UTF-8, `length` bytes. Returns 0, or -1 when out of memory or
/// `level` is not a level code.
int logcodec_logs_append(
    logcodec_logs *logs, int64_t producer, int64_t seq, int level, int64_t ts, const uint8_t *message,
    size_t length);

/// The reusable state of one thread's codec: simdjson's parser, a padded copy of the input and the
/// output buffer. Not thread-safe; one per thread.
typedef struct logcodec_codec logcodec_codec;

logcodec_codec *logcodec_codec_create(void);
void logcodec_codec_destroy(logcodec_codec *codec);

/// Parses `json` (`length` bytes, no padding needed) into `into`, replacing its contents. Every field
/// of every entry is read and checked; unknown keys are skipped. Returns LOGCODEC_OK or fills `error`.
logcodec_status logcodec_decode(
    logcodec_codec *codec, const uint8_t *json, size_t length, logcodec_logs *into, logcodec_error *error);

/// Serializes the whole array into the codec's output buffer; `*out`/`*out_length` stay valid until
/// the next encode on this codec. Returns LOGCODEC_OK, or LOGCODEC_OUT_OF_MEMORY.
logcodec_status logcodec_encode(
    logcodec_codec *codec, const logcodec_logs *logs, const uint8_t **out, size_t *out_length);

#ifdef __cplusplus
}
#endif

#endif
