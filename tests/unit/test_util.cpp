// util/: text helpers, UTF-8, SHA-256, durations, sizes.
#include <doctest/doctest.h>

#include <array>

#include "util/duration.hpp"
#include "util/sha256.hpp"
#include "util/size.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

using namespace migrate::util;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1'000'000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(sha256_hex(std::string(55, 'x')).size() == 64); // padding edge cases: 55, 56, 64 bytes
  CHECK(sha256_hex(std::string(56, 'x')) != sha256_hex(std::string(55, 'x')));
  CHECK(sha256_hex(std::string(64, 'x')) != sha256_hex(std::string(63, 'x')));
  CHECK(sha256_hex_portable("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex_portable(std::string(1'000'000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 with the CPU's SHA instructions gives the portable code's answers") {
  // Every length from 0 to 300 bytes (each padding case, one to five blocks), of bytes that vary.
  std::string data;
  std::uint32_t x = 2463534242u;
  for (int n = 0; n <= 300; ++n) {
    CAPTURE(n);
    CHECK(sha256_hex(data) == sha256_hex_portable(data));
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    data.push_back(static_cast<char>(x & 0xFF));
  }
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK_FALSE(first_invalid_utf8("plain ascii").has_value());
  CHECK_FALSE(first_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80").has_value());
  CHECK(*first_invalid_utf8("ab\xFF") == 2);
  CHECK(*first_invalid_utf8("\xC0\xAF") == 0);          // overlong
  CHECK(*first_invalid_utf8("x\xED\xA0\x80") == 1);     // surrogate
  CHECK(*first_invalid_utf8("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(*first_invalid_utf8("ok\xE2\x82") == 2);        // truncated
  CHECK(utf8_byte_offset("aéb", 2) == 3);
  CHECK(utf8_byte_offset("ab", 9) == 2);
}

TEST_CASE("printable text keeps what a terminal shows and nothing that steers it") {
  CHECK(printable("caf\xC3\xA9\tok\n") == "caf\xC3\xA9\tok\n");
  CHECK(printable("a\x1B[2Jb") == "a?[2Jb");          // ESC: an escape sequence
  CHECK(printable("x\xC2\x9B" "31m") == "x?" "?31m");   // C1 CSI, both bytes
  CHECK(printable(std::string("n\0ul\x7F", 5)) == "n?ul?");
  CHECK(printable("bad\xFF\xFE\xE2\x82") == "bad????");
  CHECK(printable("\xF0\x9F\x98\x80!") == "\xF0\x9F\x98\x80!");
}

TEST_CASE("LineIndex maps offsets to 1-based lines and character columns") {
  std::string text = "ab\ncé\r\nxyz\rq";
  LineIndex idx(text);
  CHECK(idx.at(0).line == 1);
  CHECK(idx.at(1).column == 2);
  CHECK(idx.at(3).line == 2);
  CHECK(idx.at(6).column == 3); // after 'c' and the two bytes of 'é'
  CHECK(idx.at(8).line == 3);
  CHECK(idx.at(12).line == 4);
  CHECK(idx.line_start(3) == 8);
}

TEST_CASE("did you mean") {
  std::array<std::string_view, 3> words = {"expand", "migrate", "contract"};
  CHECK(did_you_mean("expnad", words) == " (did you mean \"expand\"?)");
  CHECK(did_you_mean("contrct", words) == " (did you mean \"contract\"?)");
  CHECK(did_you_mean("zzzzzz", words).empty());
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("wbe", "web") == 1); // a transposition counts once
  CHECK(edit_distance("EXPAND", "expand") == 0);
}

TEST_CASE("one_line collapses white space and cuts long text") {
  CHECK(one_line("  SELECT\n   1,\t2  ", 80) == "SELECT 1, 2");
  CHECK(one_line("SELECT 123456789", 10) == "SELECT ...");
  CHECK(one_line("éééééé", 5).size() <= 7);
  CHECK(normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n");
}

TEST_CASE("durations: 500ms, 2s, 1min and friends") {
  CHECK(parse_duration("500ms")->count() == 500);
  CHECK(parse_duration("2s")->count() == 2000);
  CHECK(parse_duration("1.5s")->count() == 1500);
  CHECK(parse_duration("1min")->count() == 60000);
  CHECK(parse_duration("10m")->count() == 600000);
  CHECK(parse_duration("2h")->count() == 7'200'000);
  CHECK(parse_duration("1d")->count() == 86'400'000);
  CHECK(parse_duration(" 3 s ")->count() == 3000);
  CHECK(parse_duration("0")->count() == 0);
  std::string why;
  CHECK_FALSE(parse_duration("5", &why));
  CHECK(why.find("needs a unit") != std::string::npos);
  CHECK_FALSE(parse_duration("5 parsecs", &why));
  CHECK(why.find("unknown unit") != std::string::npos);
  CHECK_FALSE(parse_duration("", &why));
  CHECK_FALSE(parse_duration("1.2.3s", &why));
  CHECK_FALSE(parse_duration("fast", &why));
  CHECK(format_duration(Duration{0}) == "0");
  CHECK(format_duration(Duration{250}) == "250ms");
  CHECK(format_duration(Duration{2000}) == "2s");
  CHECK(format_duration(Duration{60000}) == "1min");
  CHECK(format_duration(Duration{90000}) == "90s");
}

TEST_CASE("sizes: PostgreSQL's units, 1024 apart; a plain number is bytes") {
  CHECK(*parse_size("64MB") == 64LL << 20);
  CHECK(*parse_size("1GB") == 1LL << 30);
  CHECK(*parse_size("512kB") == 512LL << 10);
  CHECK(*parse_size("2TB") == 2LL << 40);
  CHECK(*parse_size("100B") == 100);
  CHECK(*parse_size("1048576") == 1048576);
  CHECK(*parse_size("0") == 0);
  CHECK(*parse_size(" 16 MB ") == 16LL << 20);
  CHECK(*parse_size("64mb") == 64LL << 20); // any case
  CHECK(*parse_size("1.5GB") == 1536LL << 20);
  CHECK(*parse_size("0.5kB") == 512);
  std::string why;
  CHECK_FALSE(parse_size("", &why));
  CHECK_FALSE(parse_size("-1MB", &why));
  CHECK(why.find("is not a size") != std::string::npos);
  CHECK_FALSE(parse_size("64 parsecs", &why));
  CHECK(why == "unknown unit \"parsecs\" in \"64 parsecs\"; use B, kB, MB, GB or TB (1kB = 1024 bytes)");
  CHECK_FALSE(parse_size("64MiB", &why));
  CHECK(why.find("unknown unit \"MiB\"") != std::string::npos);
  CHECK_FALSE(parse_size("1.5", &why)); // bytes are whole
  CHECK(why.find("whole number") != std::string::npos);
  CHECK_FALSE(parse_size("1.2.3MB", &why));
  CHECK_FALSE(parse_size("lots", &why));
  CHECK_FALSE(parse_size("99999999TB", &why));
  CHECK(why.find("too large") != std::string::npos);
  CHECK(format_size(0) == "0");
  CHECK(format_size(100) == "100B");
  CHECK(format_size(1024) == "1kB");
  CHECK(format_size(64LL << 20) == "64MB");
  CHECK(format_size(1536LL << 20) == "1536MB");
  CHECK(format_size(1LL << 30) == "1GB");
  CHECK(format_size(1LL << 41) == "2TB");
  CHECK(format_size(1000) == "1000B");
  for (const char* s : {"1B", "3kB", "17MB", "5GB", "1023MB"}) CHECK(format_size(*parse_size(s)) == s);
}

#include "util/metrics.hpp"

TEST_CASE("metrics: Prometheus text, counters add up, gauges keep the last value, label values escaped") {
  namespace m = migrate::util::metrics;
  m::reset();
  m::add("migrate_x_total", {{"app", "shop"}}, 1, "Things");
  m::add("migrate_x_total", {{"app", "shop"}}, 2, "ignored: the first help stays");
  m::set("migrate_y", {{"table", "a\"b\\c\nd"}}, 1.5, "A gauge");
  m::set("migrate_y", {{"table", "a\"b\\c\nd"}}, 2.25, "A gauge");
  m::set("migrate_z", {}, 7, "No labels");
  CHECK(m::text() == "# HELP migrate_x_total Things\n# TYPE migrate_x_total counter\nmigrate_x_total{app=\"shop\"} 3\n"
                     "# HELP migrate_y A gauge\n# TYPE migrate_y gauge\nmigrate_y{table=\"a\\\"b\\\\c\\nd\"} 2.25\n"
                     "# HELP migrate_z No labels\n# TYPE migrate_z gauge\nmigrate_z 7\n");
  m::reset();
  CHECK(m::text().empty());
}
