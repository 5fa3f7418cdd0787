// The group-commit designs written plainly in C++, to run beside `bench` (a harness must be faster
// than the thing it models): C producer threads × K entries into one run, each producer waiting for
// its own entry to be committed (closed loop); a std::deque under a mutex, one consumer that takes
// everything pending and writes it in one BEGIN IMMEDIATE … COMMIT. WAL, synchronous=NORMAL,
// LogBench's schema and entry shape with its realistic 64-byte messages (the JSON encoder escapes
// them). Rounds as `bench --rounds` runs them: one database, each round into a fresh run, so the
// WAL grows and checkpoints as LogBench's does. No audit beyond a count.
//
//   g++ -O2 -std=c++17 Scripts/plain-reference.cpp -o /tmp/plain-reference -lsqlite3 -lsimdjson -pthread
//   /tmp/plain-reference queue-batch|log-table-batch [concurrency=20] [logs_per_producer=50] [rounds=5]
//
// Prints each round's logs/s, their median, and all entries over the rounds' summed windows (the
// figure `bench` prints for rounds).
#include <simdjson.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

struct Entry {
    int producer;
    int seq;
    long long ts;
    std::string message;
    bool done = false;
};

// One waiter per entry, as LogBench's tickets: the consumer marks it done and wakes its producer.
struct Queue {
    std::mutex mutex;
    std::condition_variable work, finished;
    std::deque<Entry *> pending;
    bool stopping = false;
};

const char *levels[] = {"info", "warn", "error"};

void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        std::exit(70);
    }
}

sqlite3 *open(const std::string &path) {
    sqlite3 *db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    sqlite3_busy_timeout(db, 5000);
    check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr), db,
        "pragmas");
    return db;
}

void appendEscaped(std::string &out, const std::string &text) {
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
        } else {
            out += char(c);
        }
    }
}

void appendJSON(std::string &out, const Entry &e) {
    out += "{\"producer\":" + std::to_string(e.producer) + ",\"seq\":" + std::to_string(e.seq) + ",\"level\":\"" +
           levels[e.seq % 3] + "\",\"ts\":" + std::to_string(e.ts) + ",\"message\":\"";
    appendEscaped(out, e.message);
    out += "\"}";
}

// A 64-byte message with what real log lines carry: a quote, a backslash, a tab, a path, UTF-8.
std::string message(int producer, int seq) {
    std::string text = "render \"frame\" " + std::to_string(seq) + "\tC:\\tmp\\ é €/srv/" + std::to_string(producer);
    text.resize(64, 'x');
    return text;
}

double round(const std::string &design, int concurrency, int perProducer, const std::string &folder, int index,
    double &seconds) {
    std::string path = folder + "/" + design + ".db";
    std::string run = std::to_string(index + 1);
    sqlite3 *admin = open(path);
    if (index == 0) {
        check(sqlite3_exec(admin,
                  "CREATE TABLE runs (id INTEGER PRIMARY KEY, logs TEXT NOT NULL DEFAULT '[]');"
                  "CREATE TABLE log_entries (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, producer INTEGER NOT "
                  "NULL, seq INTEGER NOT NULL, level TEXT NOT NULL, ts INTEGER NOT NULL, message TEXT NOT NULL, "
                  "UNIQUE (run_id, producer, seq));",
                  nullptr, nullptr, nullptr),
            admin, "schema");
    }
    check(sqlite3_exec(admin, ("INSERT INTO runs (id) VALUES (" + run + ")").c_str(), nullptr, nullptr, nullptr), admin,
        "run");
    bool logTable = design == "log-table-batch";
    Queue queue;

    std::thread consumer([&] {
        sqlite3 *db = open(path);
        sqlite3_stmt *begin, *commit, *insert, *select, *update;
        sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, nullptr);
        sqlite3_prepare_v2(db, "COMMIT", -1, &commit, nullptr);
        sqlite3_prepare_v2(db,
            ("INSERT INTO log_entries (run_id, producer, seq, level, ts, message) VALUES (" + run + ", ?, ?, ?, ?, ?)")
                .c_str(),
            -1,
            &insert, nullptr);
        sqlite3_prepare_v2(db, ("SELECT logs FROM runs WHERE id = " + run).c_str(), -1, &select, nullptr);
        sqlite3_prepare_v2(db, ("UPDATE runs SET logs = ? WHERE id = " + run).c_str(), -1, &update, nullptr);
        simdjson::dom::parser parser;
        std::deque<Entry *> batch;
        std::string json;
        for (;;) {
            {
                std::unique_lock<std::mutex> lock(queue.mutex);
                queue.work.wait(lock, [&] { return !queue.pending.empty() || queue.stopping; });
                if (queue.pending.empty()) break;
                batch.swap(queue.pending);
            }
            check(sqlite3_step(begin), db, "begin");
            sqlite3_reset(begin);
            if (logTable) {
                for (Entry *e : batch) {
                    sqlite3_bind_int(insert, 1, e->producer);
                    sqlite3_bind_int(insert, 2, e->seq);
                    sqlite3_bind_text(insert, 3, levels[e->seq % 3], -1, SQLITE_STATIC);
                    sqlite3_bind_int64(insert, 4, e->ts);
                    sqlite3_bind_text(insert, 5, e->message.data(), int(e->message.size()), SQLITE_STATIC);
                    check(sqlite3_step(insert), db, "insert");
                    sqlite3_reset(insert);
                }
            } else {
                // Read, decode (simdjson), append, encode, write: the read-modify-write of one batch.
                check(sqlite3_step(select), db, "select");
                auto text = reinterpret_cast<const char *>(sqlite3_column_text(select, 0));
                size_t length = size_t(sqlite3_column_bytes(select, 0));
                simdjson::dom::array logs;
                if (parser.parse(text, length).get_array().get(logs)) std::exit(70);
                json = "[";
                bool first = true;
                for (simdjson::dom::element old : logs) {
                    if (!first) json += ',';
                    first = false;
                    json += simdjson::minify(old);
                }
                sqlite3_reset(select);
                for (Entry *e : batch) {
                    if (!first) json += ',';
                    first = false;
                    appendJSON(json, *e);
                }
                json += ']';
                sqlite3_bind_text(update, 1, json.data(), int(json.size()), SQLITE_STATIC);
                check(sqlite3_step(update), db, "update");
                sqlite3_reset(update);
            }
            check(sqlite3_step(commit), db, "commit");
            sqlite3_reset(commit);
            {
                std::lock_guard<std::mutex> lock(queue.mutex);
                for (Entry *e : batch) e->done = true;
            }
            queue.finished.notify_all();
            batch.clear();
        }
        for (auto s : {begin, commit, insert, select, update}) sqlite3_finalize(s);
        sqlite3_close(db);
    });

    std::vector<std::thread> producers;
    std::mutex gate;
    std::condition_variable opened;
    bool open = false;
    int ready = 0;
    for (int p = 0; p < concurrency; ++p) {
        producers.emplace_back([&, p] {
            {
                std::unique_lock<std::mutex> lock(gate);
                ++ready;
                opened.notify_all();
                opened.wait(lock, [&] { return open; });
            }
            for (int s = 0; s < perProducer; ++s) {
                Entry entry{p, s, std::chrono::system_clock::now().time_since_epoch().count(), message(p, s)};
                std::unique_lock<std::mutex> lock(queue.mutex);
                queue.pending.push_back(&entry);
                queue.work.notify_one();
                queue.finished.wait(lock, [&] { return entry.done; });
            }
        });
    }
    {
        std::unique_lock<std::mutex> lock(gate);
        opened.wait(lock, [&] { return ready == concurrency; });
        open = true;
    }
    auto start = std::chrono::steady_clock::now();
    opened.notify_all();
    for (auto &t : producers) t.join();
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    {
        std::lock_guard<std::mutex> lock(queue.mutex);
        queue.stopping = true;
    }
    queue.work.notify_one();
    consumer.join();

    sqlite3_stmt *count;
    sqlite3_prepare_v2(admin,
        (logTable ? "SELECT count(*) FROM log_entries WHERE run_id = " + run
                  : "SELECT json_array_length(logs) FROM runs WHERE id = " + run)
            .c_str(),
        -1,
        &count, nullptr);
    check(sqlite3_step(count), admin, "count");
    long long stored = sqlite3_column_int64(count, 0);
    sqlite3_finalize(count);
    sqlite3_close(admin);
    if (stored != (long long)concurrency * perProducer) {
        std::fprintf(stderr, "stored %lld of %d entries\n", stored, concurrency * perProducer);
        std::exit(70);
    }
    return concurrency * perProducer / seconds;
}

}  // namespace

int main(int argc, char **argv) {
    std::string design = argc > 1 ? argv[1] : "";
    if (design != "queue-batch" && design != "log-table-batch") {
        std::fprintf(stderr, "usage: plain-reference queue-batch|log-table-batch [C] [K] [rounds]\n");
        return 64;
    }
    int concurrency = argc > 2 ? std::atoi(argv[2]) : 20;
    int perProducer = argc > 3 ? std::atoi(argv[3]) : 50;
    int rounds = argc > 4 ? std::atoi(argv[4]) : 5;
    if (concurrency < 1 || perProducer < 1 || rounds < 1) return 64;
    char folder[] = "/tmp/plain-reference-XXXXXX";
    if (!mkdtemp(folder)) return 70;
    std::vector<double> rates;
    double total = 0;
    for (int i = 0; i < rounds; ++i) {
        double seconds = 0;
        rates.push_back(round(design, concurrency, perProducer, folder, i, seconds));
        total += seconds;
        std::printf("%s c=%d k=%d round %d: %.0f logs/s\n", design.c_str(), concurrency, perProducer, i + 1,
            rates.back());
    }
    std::sort(rates.begin(), rates.end());
    std::printf("%s c=%d k=%d median of %d rounds: %.0f logs/s\n", design.c_str(), concurrency, perProducer, rounds,
        rates[rates.size() / 2]);
    std::printf("%s c=%d k=%d over %d rounds: %.0f logs/s (%.3f s measured)\n", design.c_str(), concurrency,
        perProducer, rounds, double(concurrency) * perProducer * rounds / total, total);
    std::string remove = std::string("rm -rf ") + folder;
    return std::system(remove.c_str()) == 0 ? 0 : 70;
}
