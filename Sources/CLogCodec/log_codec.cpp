// simdjson-backed decoding and a plain writer for a run's JSON log array; see CLogCodec.h.
#include "CLogCodec.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ondemand = simdjson::ondemand;

struct logcodec_logs {
    std::vector<logcodec_record> records;
    std::string messages;
};

struct logcodec_codec {
    ondemand::parser parser;
    // The input copied with simdjson's required padding after it; grows, never shrinks.
    char *input = nullptr;
    size_t input_capacity = 0;
    // The encoder's output; grows, never shrinks.
    char *output = nullptr;
    size_t output_capacity = 0;

    ~logcodec_codec() {
        std::free(input);
        std::free(output);
    }
};

namespace {

// The shortest entry with every field: {"producer":0,"seq":0,"level":"info","ts":0,"message":""}
constexpr size_t minimum_entry_bytes = 57;

const std::string_view level_names[] = {"info", "warn", "error"};

logcodec_status fail(logcodec_error *error, logcodec_status status, int64_t entry, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

logcodec_status fail(logcodec_error *error, logcodec_status status, int64_t entry, const char *format, ...) {
    if (error) {
        error->status = status;
        error->entry = entry;
        va_list arguments;
        va_start(arguments, format);
        std::vsnprintf(error->message, sizeof error->message, format, arguments);
        va_end(arguments);
    }
    return status;
}

bool is_type_error(simdjson::error_code code) {
    return code == simdjson::INCORRECT_TYPE || code == simdjson::NUMBER_ERROR
        || code == simdjson::NUMBER_OUT_OF_RANGE;
}

enum field_bit : unsigned { has_producer = 1, has_seq = 2, has_level = 4, has_ts = 8, has_message = 16, has_all = 31 };

const char *missing_field_name(unsigned seen) {
    if (!(seen & has_producer)) return "producer";
    if (!(seen & has_seq)) return "seq";
    if (!(seen & has_level)) return "level";
    if (!(seen & has_ts)) return "ts";
    return "message";
}

bool grow(char *&buffer, size_t &capacity, size_t needed) {
    if (needed <= capacity) return true;
    size_t target = capacity + capacity / 2;
    if (target < needed) target = needed;
    char *grown = static_cast<char *>(std::realloc(buffer, target));
    if (!grown) return false;
    buffer = grown;
    capacity = target;
    return true;
}

logcodec_status decode_entry(
    ondemand::value element, int64_t index, logcodec_logs &logs, logcodec_error *error) {
    ondemand::object object;
    simdjson::error_code code = element.get_object().get(object);
    if (code == simdjson::INCORRECT_TYPE) {
        return fail(error, LOGCODEC_NOT_AN_OBJECT, index, "entry %lld is not an object", (long long)index);
    }
    if (code) {
        return fail(error, LOGCODEC_MALFORMED, index, "entry %lld: %s", (long long)index, simdjson::error_message(code));
    }
    logcodec_record record{};
    unsigned seen = 0;
    for (auto result : object) {
        ondemand::field field;
        std::string_view key;
        if ((code = std::move(result).get(field)) || (code = field.unescaped_key().get(key))) {
            return fail(
                error, LOGCODEC_MALFORMED, index, "entry %lld: %s", (long long)index, simdjson::error_message(code));
        }
        ondemand::value value = field.value();
        const char *name = nullptr;
        if (key == "producer") {
            name = "producer";
            code = value.get_int64().get(record.producer);
            seen |= has_producer;
        } else if (key == "seq") {
            name = "seq";
            code = value.get_int64().get(record.seq);
            seen |= has_seq;
        } else if (key == "ts") {
            name = "ts";
            code = value.get_int64().get(record.ts);
            seen |= has_ts;
        } else if (key == "level") {
            name = "level";
            std::string_view level;
            code = value.get_string().get(level);
            if (!code) {
                if (level == level_names[0]) {
                    record.level = LOGCODEC_INFO;
                } else if (level == level_names[1]) {
                    record.level = LOGCODEC_WARN;
                } else if (level == level_names[2]) {
                    record.level = LOGCODEC_ERROR;
                } else {
                    return fail(
                        error, LOGCODEC_BAD_LEVEL, index, "entry %lld: unknown level \"%.40s\" (info, warn or error)",
                        (long long)index, std::string(level.substr(0, 40)).c_str());
                }
            }
            seen |= has_level;
        } else if (key == "message") {
            name = "message";
            std::string_view message;
            code = value.get_string().get(message);
            if (!code) {
                record.message_offset = logs.messages.size();
                record.message_length = message.size();
                logs.messages.append(message);
            }
            seen |= has_message;
        } else {
            continue;  // Codable ignores keys it does not know; so does this.
        }
        if (code) {
            if (is_type_error(code)) {
                return fail(
                    error, LOGCODEC_WRONG_TYPE, index, "entry %lld: field \"%s\" has the wrong type (%s)",
                    (long long)index, name, simdjson::error_message(code));
            }
            return fail(
                error, LOGCODEC_MALFORMED, index, "entry %lld, field \"%s\": %s", (long long)index, name,
                simdjson::error_message(code));
        }
    }
    if (seen != has_all) {
        return fail(
            error, LOGCODEC_MISSING_FIELD, index, "entry %lld: missing field \"%s\"", (long long)index,
            missing_field_name(seen));
    }
    logs.records.push_back(record);
    return LOGCODEC_OK;
}

logcodec_status decode(
    logcodec_codec &codec, const uint8_t *json, size_t length, logcodec_logs &logs, logcodec_error *error) {
    logs.records.clear();
    logs.messages.clear();
    if (!grow(codec.input, codec.input_capacity, length + simdjson::SIMDJSON_PADDING)) {
        return fail(error, LOGCODEC_OUT_OF_MEMORY, -1, "out of memory copying %zu bytes of input", length);
    }
    if (length > 0) std::memcpy(codec.input, json, length);
    std::memset(codec.input + length, 0, simdjson::SIMDJSON_PADDING);

    ondemand::document document;
    simdjson::error_code code = codec.parser.iterate(codec.input, length, codec.input_capacity).get(document);
    ondemand::array array;
    if (!code) code = document.get_array().get(array);
    if (code == simdjson::INCORRECT_TYPE) {
        return fail(error, LOGCODEC_NOT_AN_ARRAY, -1, "the log is not a JSON array");
    }
    size_t count = 0;
    if (!code) code = array.count_elements().get(count);
    if (code) return fail(error, LOGCODEC_MALFORMED, -1, "malformed JSON: %s", simdjson::error_message(code));

    // Room for every entry plus a few appends; message bytes are at most what is left of the input.
    size_t fixed = count * minimum_entry_bytes;
    logs.records.reserve(count + 16);
    logs.messages.reserve((length > fixed ? length - fixed : 0) + 4096);

    int64_t index = 0;
    for (auto element : array) {
        ondemand::value value;
        if ((code = element.get(value))) {
            return fail(
                error, LOGCODEC_MALFORMED, index, "malformed JSON at entry %lld: %s", (long long)index,
                simdjson::error_message(code));
        }
        logcodec_status status = decode_entry(value, index, logs, error);
        if (status != LOGCODEC_OK) return status;
        index++;
    }
    // Anything after the closing bracket is an error, as it is for JSONDecoder.
    const char *trailing = nullptr;
    if (document.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS) {
        return fail(error, LOGCODEC_MALFORMED, -1, "malformed JSON: content after the array");
    }
    return LOGCODEC_OK;
}

// Bytes that JSON strings must escape: '"', '\\' and control characters below 0x20.
inline uint64_t escape_mask(uint64_t word) {
    constexpr uint64_t ones = 0x0101010101010101ULL;
    constexpr uint64_t highs = 0x8080808080808080ULL;
    uint64_t control = (word - ones * 0x20) & ~word;
    uint64_t quote = word ^ (ones * '"');
    uint64_t backslash = word ^ (ones * '\\');
    quote = (quote - ones) & ~quote;
    backslash = (backslash - ones) & ~backslash;
    // Exact for the first flagged byte (borrows only move upward), which is all the scan uses.
    return (control | quote | backslash) & highs;
}

inline bool needs_escape(uint8_t byte) { return byte < 0x20 || byte == '"' || byte == '\\'; }

// Writes `text` escaped; the caller reserved 6 bytes per input byte.
inline char *write_escaped(char *out, const uint8_t *text, size_t length) {
    static const char hex[] = "0123456789abcdef";
    size_t index = 0;
    while (index < length) {
        // Copy runs of plain bytes eight at a time.
        while (index + 8 <= length) {
            uint64_t word;
            std::memcpy(&word, text + index, 8);
            uint64_t mask = escape_mask(word);
            if (mask) {
                size_t plain = static_cast<size_t>(__builtin_ctzll(mask)) / 8;
                std::memcpy(out, text + index, plain);
                out += plain;
                index += plain;
                break;
            }
            std::memcpy(out, &word, 8);
            out += 8;
            index += 8;
        }
        if (index >= length) break;
        uint8_t byte = text[index++];
        if (!needs_escape(byte)) {
            *out++ = static_cast<char>(byte);
            continue;
        }
        *out++ = '\\';
        if (byte == '"' || byte == '\\') {
            *out++ = static_cast<char>(byte);
        } else {
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = hex[byte >> 4];
            *out++ = hex[byte & 0xf];
        }
    }
    return out;
}

inline char *write_literal(char *out, std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
}

inline char *write_integer(char *out, int64_t value) {
    return std::to_chars(out, out + 20, value).ptr;
}

logcodec_status encode(logcodec_codec &codec, const logcodec_logs &logs, const uint8_t **out, size_t *out_length) {
    constexpr std::string_view producer_key = "{\"producer\":";
    constexpr std::string_view seq_key = ",\"seq\":";
    constexpr std::string_view level_key = ",\"level\":\"";
    constexpr std::string_view ts_key = "\",\"ts\":";
    constexpr std::string_view message_key = ",\"message\":\"";
    constexpr std::string_view entry_end = "\"}";
    // Keys, three integers of at most 20 characters, the longest level name and a comma.
    constexpr size_t entry_fixed = producer_key.size() + seq_key.size() + level_key.size() + ts_key.size()
        + message_key.size() + entry_end.size() + 3 * 20 + 5 + 1;

    size_t size = 0;
    // A first guess (plain messages), so that most arrays are written with no growth at all.
    if (!grow(codec.output, codec.output_capacity, 2 + logs.records.size() * entry_fixed + logs.messages.size())) {
        return LOGCODEC_OUT_OF_MEMORY;
    }
    const uint8_t *messages = reinterpret_cast<const uint8_t *>(logs.messages.data());
    codec.output[size++] = '[';
    for (size_t index = 0; index < logs.records.size(); index++) {
        const logcodec_record &record = logs.records[index];
        size_t worst = entry_fixed + 6 * record.message_length + 1;
        if (!grow(codec.output, codec.output_capacity, size + worst)) return LOGCODEC_OUT_OF_MEMORY;
        char *cursor = codec.output + size;
        if (index > 0) *cursor++ = ',';
        cursor = write_literal(cursor, producer_key);
        cursor = write_integer(cursor, record.producer);
        cursor = write_literal(cursor, seq_key);
        cursor = write_integer(cursor, record.seq);
        cursor = write_literal(cursor, level_key);
        cursor = write_literal(cursor, level_names[record.level < 3 ? record.level : 0]);
        cursor = write_literal(cursor, ts_key);
        cursor = write_integer(cursor, record.ts);
        cursor = write_literal(cursor, message_key);
        cursor = write_escaped(cursor, messages + record.message_offset, record.message_length);
        cursor = write_literal(cursor, entry_end);
        size = static_cast<size_t>(cursor - codec.output);
    }
    if (!grow(codec.output, codec.output_capacity, size + 1)) return LOGCODEC_OUT_OF_MEMORY;
    codec.output[size++] = ']';
    *out = reinterpret_cast<const uint8_t *>(codec.output);
    *out_length = size;
    return LOGCODEC_OK;
}

}  // namespace

extern "C" {

logcodec_logs *logcodec_logs_create(void) { return new (std::nothrow) logcodec_logs(); }

logcodec_logs *logcodec_logs_copy(const logcodec_logs *logs) {
    try {
        return new logcodec_logs(*logs);
    } catch (...) {
        return nullptr;
    }
}

void logcodec_logs_destroy(logcodec_logs *logs) { delete logs; }

size_t logcodec_logs_count(const logcodec_logs *logs) { return logs->records.size(); }

const logcodec_record *logcodec_logs_records(const logcodec_logs *logs) { return logs->records.data(); }

const uint8_t *logcodec_logs_messages(const logcodec_logs *logs) {
    return reinterpret_cast<const uint8_t *>(logs->messages.data());
}

size_t logcodec_logs_message_bytes(const logcodec_logs *logs) { return logs->messages.size(); }

int logcodec_logs_reserve(logcodec_logs *logs, size_t entries, size_t message_bytes) {
    try {
        if (logs->records.capacity() - logs->records.size() < entries) {
            logs->records.reserve(std::max(logs->records.size() + entries, logs->records.capacity() * 3 / 2));
        }
        if (logs->messages.capacity() - logs->messages.size() < message_bytes) {
            logs->messages.reserve(std::max(logs->messages.size() + message_bytes, logs->messages.capacity() * 3 / 2));
        }
        return 0;
    } catch (...) {
        return -1;
    }
}

int logcodec_logs_append(
    logcodec_logs *logs, int64_t producer, int64_t seq, int level, int64_t ts, const uint8_t *message,
    size_t length) {
    if (level < LOGCODEC_INFO || level > LOGCODEC_ERROR) return -1;
    try {
        logcodec_record record{};
        record.producer = producer;
        record.seq = seq;
        record.level = static_cast<uint8_t>(level);
        record.ts = ts;
        record.message_offset = logs->messages.size();
        record.message_length = length;
        logs->messages.append(reinterpret_cast<const char *>(message), length);
        logs->records.push_back(record);
        return 0;
    } catch (...) {
        return -1;
    }
}

logcodec_codec *logcodec_codec_create(void) { return new (std::nothrow) logcodec_codec(); }

void logcodec_codec_destroy(logcodec_codec *codec) { delete codec; }

logcodec_status logcodec_decode(
    logcodec_codec *codec, const uint8_t *json, size_t length, logcodec_logs *into, logcodec_error *error) {
    try {
        logcodec_status status = decode(*codec, json, length, *into, error);
        if (status != LOGCODEC_OK) {
            into->records.clear();
            into->messages.clear();
        }
        return status;
    } catch (...) {
        into->records.clear();
        into->messages.clear();
        return fail(error, LOGCODEC_OUT_OF_MEMORY, -1, "out of memory decoding %zu bytes", length);
    }
}

logcodec_status logcodec_encode(
    logcodec_codec *codec, const logcodec_logs *logs, const uint8_t **out, size_t *out_length) {
    try {
        return encode(*codec, *logs, out, out_length);
    } catch (...) {
        return LOGCODEC_OUT_OF_MEMORY;
    }
}

}  // extern "C"
