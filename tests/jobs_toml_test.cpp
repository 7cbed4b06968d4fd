// The TOML reader: the TOML 1.0 features config files use, the line of every
// value, and the "file:line: message" of every refusal.
#define BOOST_TEST_MODULE jobs_toml
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "jobs/toml.h"

namespace toml = danju::toml;
using Type = toml::Value::Type;

namespace {

toml::Table parse(const std::string& text) {
  return toml::parse(text, "t.toml");
}

// The message of the Error parse throws; fails the test when text is
// accepted.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const toml::Error& e) {
    return e.what();
  }
  BOOST_ERROR("accepted: " << text);
  return "";
}

template <typename F>
std::string error_from(F&& f) {
  try {
    f();
  } catch (const toml::Error& e) {
    return e.what();
  }
  BOOST_ERROR("no error");
  return "";
}

const toml::Value& get(const toml::Table& table, const std::string& key) {
  const toml::Value* value = table.find(key);
  BOOST_REQUIRE_MESSAGE(value, "no key " + key);
  return *value;
}

std::string str(const toml::Table& table, const std::string& key) {
  return get(table, key).as_string(key);
}

std::int64_t integer(const toml::Table& table, const std::string& key) {
  return get(table, key).as_integer(key);
}

double number(const toml::Table& table, const std::string& key) {
  return get(table, key).as_number(key);
}

const toml::Table& table(const toml::Table& parent, const std::string& key) {
  return get(parent, key).as_table(key);
}

const toml::Array& array(const toml::Table& parent, const std::string& key) {
  return get(parent, key).as_array(key);
}

}  // namespace

// ------------------------------------------------------------- basics

BOOST_AUTO_TEST_CASE(empty_text_is_an_empty_table) {
  const auto doc = parse("");
  BOOST_CHECK(doc.keys().empty());
  BOOST_CHECK_EQUAL(doc.line(), 1);
  BOOST_CHECK_EQUAL(doc.file(), "t.toml");
  BOOST_CHECK(parse("\n\n# only a comment\n   \n").keys().empty());
}

BOOST_AUTO_TEST_CASE(scalar_values) {
  const auto doc = parse(
      "name = \"Tom\"\n"
      "count = 42\n"
      "ratio = 0.5\n"
      "on = true\n"
      "off = false\n");
  BOOST_CHECK_EQUAL(str(doc, "name"), "Tom");
  BOOST_CHECK_EQUAL(integer(doc, "count"), 42);
  BOOST_CHECK_EQUAL(number(doc, "ratio"), 0.5);
  BOOST_CHECK_EQUAL(get(doc, "on").as_boolean("on"), true);
  BOOST_CHECK_EQUAL(get(doc, "off").as_boolean("off"), false);
  BOOST_CHECK(get(doc, "name").type() == Type::string);
  BOOST_CHECK(get(doc, "count").type() == Type::integer);
  BOOST_CHECK(get(doc, "ratio").type() == Type::floating);
  BOOST_CHECK(get(doc, "on").type() == Type::boolean);
}

BOOST_AUTO_TEST_CASE(keys_keep_file_order) {
  const auto doc = parse("zeta = 1\nalpha = 2\nmid = 3\n");
  const std::vector<std::string> expected = {"zeta", "alpha", "mid"};
  BOOST_CHECK_EQUAL_COLLECTIONS(doc.keys().begin(), doc.keys().end(),
                                expected.begin(), expected.end());
  BOOST_CHECK(doc.contains("alpha"));
  BOOST_CHECK(!doc.contains("beta"));
  BOOST_CHECK(doc.find("beta") == nullptr);
}

BOOST_AUTO_TEST_CASE(comments_everywhere) {
  const auto doc = parse(
      "# a full-line comment\n"
      "key = \"value\"  # a comment after a value\n"
      "hash = \"# not a comment\"\n"
      "tight = 1#no space needed\n"
      "  # indented comment\n"
      "[t] # after a header\n"
      "x = 'a # b'\n");
  BOOST_CHECK_EQUAL(str(doc, "key"), "value");
  BOOST_CHECK_EQUAL(str(doc, "hash"), "# not a comment");
  BOOST_CHECK_EQUAL(integer(doc, "tight"), 1);
  BOOST_CHECK_EQUAL(str(table(doc, "t"), "x"), "a # b");
}

BOOST_AUTO_TEST_CASE(blanks_around_equals_and_indentation) {
  const auto doc = parse("  a=1\n\tb\t=\t2\nc      =      3   \n");
  BOOST_CHECK_EQUAL(integer(doc, "a"), 1);
  BOOST_CHECK_EQUAL(integer(doc, "b"), 2);
  BOOST_CHECK_EQUAL(integer(doc, "c"), 3);
}

BOOST_AUTO_TEST_CASE(crlf_line_ends) {
  const auto doc =
      parse("a = 1\r\n# c\r\nb = \"x\"\r\n\r\nc = [\r\n 1,\r\n 2]\r\n");
  BOOST_CHECK_EQUAL(integer(doc, "a"), 1);
  BOOST_CHECK_EQUAL(str(doc, "b"), "x");
  BOOST_CHECK_EQUAL(get(doc, "b").line(), 3);
  BOOST_CHECK_EQUAL(array(doc, "c").size(), 2u);
  BOOST_CHECK_EQUAL(array(doc, "c")[1].line(), 7);
}

BOOST_AUTO_TEST_CASE(byte_order_mark_is_skipped) {
  const auto doc = parse("\xEF\xBB\xBFname = 1\n");
  BOOST_CHECK_EQUAL(integer(doc, "name"), 1);
}

BOOST_AUTO_TEST_CASE(last_line_without_newline) {
  BOOST_CHECK_EQUAL(integer(parse("a = 7"), "a"), 7);
  BOOST_CHECK_EQUAL(str(parse("a = 'x' # end"), "a"), "x");
}

// ------------------------------------------------------------- keys

BOOST_AUTO_TEST_CASE(bare_and_quoted_keys) {
  const auto doc = parse(
      "bare_key = 1\n"
      "bare-key = 2\n"
      "1234 = 3\n"
      "\"127.0.0.1\" = 4\n"
      "\"character encoding\" = 5\n"
      "'key2' = 6\n"
      "'quoted \"value\"' = 7\n"
      "\"\" = 8\n"
      "\"tab\\there\" = 9\n");
  BOOST_CHECK_EQUAL(integer(doc, "bare_key"), 1);
  BOOST_CHECK_EQUAL(integer(doc, "bare-key"), 2);
  BOOST_CHECK_EQUAL(integer(doc, "1234"), 3);
  BOOST_CHECK_EQUAL(integer(doc, "127.0.0.1"), 4);
  BOOST_CHECK_EQUAL(integer(doc, "character encoding"), 5);
  BOOST_CHECK_EQUAL(integer(doc, "key2"), 6);
  BOOST_CHECK_EQUAL(integer(doc, "quoted \"value\""), 7);
  BOOST_CHECK_EQUAL(integer(doc, ""), 8);
  BOOST_CHECK_EQUAL(integer(doc, "tab\there"), 9);
}

BOOST_AUTO_TEST_CASE(dotted_keys_make_tables) {
  const auto doc = parse(
      "name = \"Orange\"\n"
      "physical.color = \"orange\"\n"
      "physical.shape = \"round\"\n"
      "site.\"google.com\" = true\n"
      "fruit . flavor  .  sweet = 1\n"
      "3.14159 = \"pi\"\n");
  const auto& physical = table(doc, "physical");
  BOOST_CHECK_EQUAL(str(physical, "color"), "orange");
  BOOST_CHECK_EQUAL(str(physical, "shape"), "round");
  BOOST_CHECK_EQUAL(physical.line(), 2);
  BOOST_CHECK(get(table(doc, "site"), "google.com").as_boolean("x"));
  BOOST_CHECK_EQUAL(integer(table(table(doc, "fruit"), "flavor"), "sweet"), 1);
  BOOST_CHECK_EQUAL(str(table(doc, "3"), "14159"), "pi");
}

BOOST_AUTO_TEST_CASE(dotted_keys_may_be_interleaved_within_a_table) {
  const auto doc = parse(
      "apple.type = \"fruit\"\n"
      "orange.type = \"fruit\"\n"
      "apple.skin = \"thin\"\n"
      "orange.skin = \"thick\"\n");
  BOOST_CHECK_EQUAL(str(table(doc, "apple"), "skin"), "thin");
  BOOST_CHECK_EQUAL(str(table(doc, "orange"), "skin"), "thick");
}

// ------------------------------------------------------------- strings

BOOST_AUTO_TEST_CASE(basic_string_escapes) {
  const auto doc = parse(
      "s = \"a\\tb\\nc\\\"d\\\\e\\bf\\fg\\rh\"\n"
      "u = \"\\u0041\\u00e9\\u4E2D\\u6587\"\n"
      "big = \"\\U0001F600\\U00004E2D\"\n");
  BOOST_CHECK_EQUAL(str(doc, "s"), "a\tb\nc\"d\\e\bf\fg\rh");
  BOOST_CHECK_EQUAL(str(doc, "u"), "A\xC3\xA9中文");
  BOOST_CHECK_EQUAL(str(doc, "big"), "\xF0\x9F\x98\x80中");
}

BOOST_AUTO_TEST_CASE(literal_strings_keep_backslashes) {
  const auto doc = parse(
      "winpath = 'C:\\Users\\nodejs\\templates'\n"
      "regex = '<\\i\\c*\\s*>'\n"
      "quoted = 'Tom \"Dubs\" Preston'\n"
      "empty = ''\n"
      "empty2 = \"\"\n");
  BOOST_CHECK_EQUAL(str(doc, "winpath"), "C:\\Users\\nodejs\\templates");
  BOOST_CHECK_EQUAL(str(doc, "regex"), "<\\i\\c*\\s*>");
  BOOST_CHECK_EQUAL(str(doc, "quoted"), "Tom \"Dubs\" Preston");
  BOOST_CHECK_EQUAL(str(doc, "empty"), "");
  BOOST_CHECK_EQUAL(str(doc, "empty2"), "");
}

BOOST_AUTO_TEST_CASE(multiline_basic_strings) {
  const auto doc = parse(
      "a = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n"
      "b = \"\"\"\\\n  The quick brown \\\n\n\n  fox jumps over \\\n"
      "    the lazy dog.\\\n  \"\"\"\n"
      "c = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
      "d = \"\"\"Here are three: \"\"\\\".\"\"\"\n"
      "e = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n"
      "f = \"\"\"tab\\there \\u4E2D\"\"\"\n"
      "g = \"\"\"end with two\"\"\"\"\"\n"
      "h = \"\"\"trailing blanks \\   \n  after\"\"\"\n");
  BOOST_CHECK_EQUAL(str(doc, "a"), "Roses are red\nViolets are blue");
  BOOST_CHECK_EQUAL(str(doc, "b"),
                    "The quick brown fox jumps over the lazy dog.");
  BOOST_CHECK_EQUAL(str(doc, "c"),
                    "Here are two quotation marks: \"\". Simple enough.");
  BOOST_CHECK_EQUAL(str(doc, "d"), "Here are three: \"\"\".");
  BOOST_CHECK_EQUAL(str(doc, "e"),
                    "\"This,\" she said, \"is just a pointless statement.\"");
  BOOST_CHECK_EQUAL(str(doc, "f"), "tab\there 中");
  BOOST_CHECK_EQUAL(str(doc, "g"), "end with two\"\"");
  BOOST_CHECK_EQUAL(str(doc, "h"), "trailing blanks after");
}

BOOST_AUTO_TEST_CASE(multiline_strings_normalise_crlf) {
  const auto doc =
      parse("a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = '''\r\nx\r\ny'''\r\n");
  BOOST_CHECK_EQUAL(str(doc, "a"), "one\ntwo");
  BOOST_CHECK_EQUAL(str(doc, "b"), "x\ny");
}

BOOST_AUTO_TEST_CASE(multiline_literal_strings) {
  const auto doc = parse(
      "regex2 = '''I [dw]on't need \\d{2} apples'''\n"
      "lines = '''\nThe first newline is\ntrimmed in raw strings.\n"
      "   All other whitespace\n   is preserved.\n'''\n"
      "quot15 = '''Here are fifteen quotation marks: "
      "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\n"
      "apos15 = \"Here are fifteen apostrophes: '''''''''''''''\"\n"
      "str = ''''That,' she said, 'is still pointless.''''\n");
  BOOST_CHECK_EQUAL(str(doc, "regex2"), "I [dw]on't need \\d{2} apples");
  BOOST_CHECK_EQUAL(str(doc, "lines"),
                    "The first newline is\ntrimmed in raw strings.\n"
                    "   All other whitespace\n   is preserved.\n");
  BOOST_CHECK_EQUAL(
      str(doc, "quot15"),
      "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"");
  BOOST_CHECK_EQUAL(str(doc, "apos15"),
                    "Here are fifteen apostrophes: '''''''''''''''");
  BOOST_CHECK_EQUAL(str(doc, "str"), "'That,' she said, 'is still pointless.'");
}

BOOST_AUTO_TEST_CASE(chinese_keys_and_values) {
  const auto doc = parse(
      "# 公司信息\n"
      "[\"公司\"]\n"
      "\"名称\" = \"北京某某科技有限公司\"  # 全称\n"
      "'地址' = '北京市海淀区中关村大街1号'\n"
      "\"备注\" . '说明' = \"\"\"第一行\n第二行\"\"\"\n"
      "\"人员\" = [\"张三\", '李四', \"\\u738B\\u4E94\"]\n"
      "title = \"发票 №1\"\n");
  const auto& company = table(doc, "公司");
  BOOST_CHECK_EQUAL(company.line(), 2);
  BOOST_CHECK_EQUAL(str(company, "名称"), "北京某某科技有限公司");
  BOOST_CHECK_EQUAL(get(company, "名称").line(), 3);
  BOOST_CHECK_EQUAL(str(company, "地址"), "北京市海淀区中关村大街1号");
  BOOST_CHECK_EQUAL(str(table(company, "备注"), "说明"), "第一行\n第二行");
  const auto& people = array(company, "人员");
  BOOST_REQUIRE_EQUAL(people.size(), 3u);
  BOOST_CHECK_EQUAL(people[0].as_string("p"), "张三");
  BOOST_CHECK_EQUAL(people[1].as_string("p"), "李四");
  BOOST_CHECK_EQUAL(people[2].as_string("p"), "王五");
  BOOST_CHECK_EQUAL(str(company, "title"), "发票 №1");
}

// ------------------------------------------------------------- numbers

BOOST_AUTO_TEST_CASE(integers) {
  const auto doc = parse(
      "a = +99\nb = 42\nc = 0\nd = -17\ne = 1_000\nf = 5_349_221\n"
      "g = 1_2_3_4_5\nh = 0xDEADBEEF\ni = 0xdead_beef\nj = 0o01234567\n"
      "k = 0o755\nl = 0b11010110\nm = 9223372036854775807\n"
      "n = -9223372036854775808\no = +0\np = -0\n"
      "q = 0x7FFFFFFFFFFFFFFF\n");
  BOOST_CHECK_EQUAL(integer(doc, "a"), 99);
  BOOST_CHECK_EQUAL(integer(doc, "b"), 42);
  BOOST_CHECK_EQUAL(integer(doc, "c"), 0);
  BOOST_CHECK_EQUAL(integer(doc, "d"), -17);
  BOOST_CHECK_EQUAL(integer(doc, "e"), 1000);
  BOOST_CHECK_EQUAL(integer(doc, "f"), 5349221);
  BOOST_CHECK_EQUAL(integer(doc, "g"), 12345);
  BOOST_CHECK_EQUAL(integer(doc, "h"), 0xDEADBEEF);
  BOOST_CHECK_EQUAL(integer(doc, "i"), 0xDEADBEEF);
  BOOST_CHECK_EQUAL(integer(doc, "j"), 01234567);
  BOOST_CHECK_EQUAL(integer(doc, "k"), 0755);
  BOOST_CHECK_EQUAL(integer(doc, "l"), 214);
  BOOST_CHECK_EQUAL(integer(doc, "m"),
                    std::numeric_limits<std::int64_t>::max());
  BOOST_CHECK_EQUAL(integer(doc, "n"),
                    std::numeric_limits<std::int64_t>::min());
  BOOST_CHECK_EQUAL(integer(doc, "o"), 0);
  BOOST_CHECK_EQUAL(integer(doc, "p"), 0);
  BOOST_CHECK_EQUAL(integer(doc, "q"),
                    std::numeric_limits<std::int64_t>::max());
}

BOOST_AUTO_TEST_CASE(floats) {
  const auto doc = parse(
      "a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\n"
      "g = 6.626e-34\nh = 224_617.445_991_228\ni = inf\nj = +inf\nk = -inf\n"
      "l = nan\nm = -nan\nn = 0.0\no = 1e1_0\np = 1e-400\n");
  BOOST_CHECK_EQUAL(number(doc, "a"), 1.0);
  BOOST_CHECK_EQUAL(number(doc, "b"), 3.1415);
  BOOST_CHECK_EQUAL(number(doc, "c"), -0.01);
  BOOST_CHECK_EQUAL(number(doc, "d"), 5e22);
  BOOST_CHECK_EQUAL(number(doc, "e"), 1e6);
  BOOST_CHECK_EQUAL(number(doc, "f"), -0.02);
  BOOST_CHECK_EQUAL(number(doc, "g"), 6.626e-34);
  BOOST_CHECK_EQUAL(number(doc, "h"), 224617.445991228);
  BOOST_CHECK(std::isinf(number(doc, "i")) && number(doc, "i") > 0);
  BOOST_CHECK(std::isinf(number(doc, "j")) && number(doc, "j") > 0);
  BOOST_CHECK(std::isinf(number(doc, "k")) && number(doc, "k") < 0);
  BOOST_CHECK(std::isnan(number(doc, "l")));
  BOOST_CHECK(std::isnan(number(doc, "m")));
  BOOST_CHECK_EQUAL(number(doc, "n"), 0.0);
  BOOST_CHECK_EQUAL(number(doc, "o"), 1e10);
  BOOST_CHECK_EQUAL(number(doc, "p"), 0.0);
  BOOST_CHECK(get(doc, "e").type() == Type::floating);
}

BOOST_AUTO_TEST_CASE(as_number_accepts_integers) {
  const auto doc = parse("a = 3\nb = 2.5\n");
  BOOST_CHECK_EQUAL(number(doc, "a"), 3.0);
  BOOST_CHECK_EQUAL(number(doc, "b"), 2.5);
}

// ------------------------------------------------------------- dates

BOOST_AUTO_TEST_CASE(dates_and_times_are_kept_as_written) {
  const auto doc = parse(
      "odt1 = 1979-05-27T07:32:00Z\n"
      "odt2 = 1979-05-27T00:32:00-07:00\n"
      "odt3 = 1979-05-27T00:32:00.999999+08:00\n"
      "odt4 = 1979-05-27 07:32:00Z\n"
      "ldt1 = 1979-05-27T07:32:00\n"
      "ldt2 = 1979-05-27 00:32:00.999999\n"
      "ld1 = 2026-12-04\n"
      "leap = 2024-02-29\n"
      "lt1 = 07:32:00\n"
      "lt2 = 00:32:00.999999\n"
      "list = [2026-01-01, 2026-01-02 08:00:00]\n");
  BOOST_CHECK_EQUAL(get(doc, "odt1").as_datetime("d"), "1979-05-27T07:32:00Z");
  BOOST_CHECK_EQUAL(get(doc, "odt2").as_datetime("d"),
                    "1979-05-27T00:32:00-07:00");
  BOOST_CHECK_EQUAL(get(doc, "odt3").as_datetime("d"),
                    "1979-05-27T00:32:00.999999+08:00");
  BOOST_CHECK_EQUAL(get(doc, "odt4").as_datetime("d"), "1979-05-27 07:32:00Z");
  BOOST_CHECK_EQUAL(get(doc, "ldt1").as_datetime("d"), "1979-05-27T07:32:00");
  BOOST_CHECK_EQUAL(get(doc, "ldt2").as_datetime("d"),
                    "1979-05-27 00:32:00.999999");
  BOOST_CHECK_EQUAL(get(doc, "ld1").as_datetime("d"), "2026-12-04");
  BOOST_CHECK_EQUAL(get(doc, "leap").as_datetime("d"), "2024-02-29");
  BOOST_CHECK_EQUAL(get(doc, "lt1").as_datetime("d"), "07:32:00");
  BOOST_CHECK_EQUAL(get(doc, "lt2").as_datetime("d"), "00:32:00.999999");
  BOOST_CHECK(get(doc, "ld1").type() == Type::datetime);
  const auto& list = array(doc, "list");
  BOOST_REQUIRE_EQUAL(list.size(), 2u);
  BOOST_CHECK_EQUAL(list[1].as_datetime("d"), "2026-01-02 08:00:00");
}

BOOST_AUTO_TEST_CASE(date_followed_by_comment) {
  const auto doc = parse("due = 2026-12-04 # Friday\n");
  BOOST_CHECK_EQUAL(get(doc, "due").as_datetime("due"), "2026-12-04");
}

// ------------------------------------------------------------- arrays

BOOST_AUTO_TEST_CASE(arrays) {
  const auto doc = parse(
      "integers = [ 1, 2, 3 ]\n"
      "colors = [ \"red\", \"yellow\", \"green\" ]\n"
      "nested = [ [ 1, 2 ], [\"a\", 'b', \"\"\"c\"\"\"] ]\n"
      "mixed = [ 0.1, 2, \"x\", true, 2026-01-01, { a = 1 } ]\n"
      "empty = []\n"
      "empty2 = [   ]\n"
      "trailing = [1, 2, ]\n");
  BOOST_CHECK_EQUAL(array(doc, "integers").size(), 3u);
  BOOST_CHECK_EQUAL(array(doc, "integers")[2].as_integer("i"), 3);
  BOOST_CHECK_EQUAL(array(doc, "colors")[1].as_string("c"), "yellow");
  const auto& nested = array(doc, "nested");
  BOOST_CHECK_EQUAL(nested[0].as_array("n")[1].as_integer("n"), 2);
  BOOST_CHECK_EQUAL(nested[1].as_array("n")[2].as_string("n"), "c");
  const auto& mixed = array(doc, "mixed");
  BOOST_REQUIRE_EQUAL(mixed.size(), 6u);
  BOOST_CHECK(mixed[0].type() == Type::floating);
  BOOST_CHECK(mixed[3].type() == Type::boolean);
  BOOST_CHECK(mixed[4].type() == Type::datetime);
  BOOST_CHECK_EQUAL(integer(mixed[5].as_table("m"), "a"), 1);
  BOOST_CHECK(array(doc, "empty").empty());
  BOOST_CHECK(array(doc, "empty2").empty());
  BOOST_CHECK_EQUAL(array(doc, "trailing").size(), 2u);
}

BOOST_AUTO_TEST_CASE(multiline_arrays_with_comments) {
  const auto doc = parse(
      "list = [  # opening comment\n"
      "  1,\n"
      "  # a comment line\n"
      "\n"
      "  2 # after an item\n"
      "  , 3,\n"
      "  [\n"
      "    \"inner\",\n"
      "  ],\n"
      "]\n"
      "after = true\n");
  const auto& list = array(doc, "list");
  BOOST_REQUIRE_EQUAL(list.size(), 4u);
  BOOST_CHECK_EQUAL(list[0].line(), 2);
  BOOST_CHECK_EQUAL(list[1].line(), 5);
  BOOST_CHECK_EQUAL(list[2].line(), 6);
  BOOST_CHECK_EQUAL(list[3].line(), 7);
  BOOST_CHECK_EQUAL(list[3].as_array("x")[0].line(), 8);
  BOOST_CHECK_EQUAL(get(doc, "list").line(), 1);
  BOOST_CHECK_EQUAL(get(doc, "after").line(), 11);
}

// ------------------------------------------------------------- inline tables

BOOST_AUTO_TEST_CASE(inline_tables) {
  const auto doc = parse(
      "name = { first = \"Tom\", last = \"Preston-Werner\" }\n"
      "point = {x=1,y=2}\n"
      "animal = { type.name = \"pug\", type.size = 'small' }\n"
      "nested = { a = { b = { c = 1 } }, list = [1, 2] }\n"
      "empty = {}\n"
      "points = [ { x = 1, y = 2 },\n"
      "           { x = 7, y = 8 } ]\n");
  BOOST_CHECK_EQUAL(str(table(doc, "name"), "last"), "Preston-Werner");
  BOOST_CHECK_EQUAL(integer(table(doc, "point"), "y"), 2);
  BOOST_CHECK_EQUAL(str(table(table(doc, "animal"), "type"), "size"), "small");
  BOOST_CHECK_EQUAL(integer(table(table(table(doc, "nested"), "a"), "b"), "c"),
                    1);
  BOOST_CHECK(table(doc, "empty").keys().empty());
  const auto& points = array(doc, "points");
  BOOST_REQUIRE_EQUAL(points.size(), 2u);
  BOOST_CHECK_EQUAL(points[1].line(), 7);
  BOOST_CHECK_EQUAL(points[1].as_table("p").line(), 7);
  BOOST_CHECK_EQUAL(integer(points[1].as_table("p"), "x"), 7);
  const std::vector<std::string> order = {"first", "last"};
  const auto& keys = table(doc, "name").keys();
  BOOST_CHECK_EQUAL_COLLECTIONS(keys.begin(), keys.end(), order.begin(),
                                order.end());
}

// ------------------------------------------------------------- tables

BOOST_AUTO_TEST_CASE(tables_and_nested_headers) {
  const auto doc = parse(
      "title = \"root\"\n"
      "\n"
      "[mail]\n"
      "host = \"smtp.example.com\"\n"
      "port = 465\n"
      "\n"
      "[mail.auth]\n"
      "user = \"u\"\n"
      "\n"
      "[ dog . \"tater.man\" ]\n"
      "type.name = \"pug\"\n");
  BOOST_CHECK_EQUAL(str(doc, "title"), "root");
  const auto& mail = table(doc, "mail");
  BOOST_CHECK_EQUAL(mail.line(), 3);
  BOOST_CHECK_EQUAL(integer(mail, "port"), 465);
  BOOST_CHECK_EQUAL(get(mail, "port").line(), 5);
  const auto& auth = table(mail, "auth");
  BOOST_CHECK_EQUAL(auth.line(), 7);
  BOOST_CHECK_EQUAL(get(mail, "auth").line(), 7);
  BOOST_CHECK_EQUAL(get(auth, "user").line(), 8);
  const auto& dog = table(table(doc, "dog"), "tater.man");
  BOOST_CHECK_EQUAL(str(table(dog, "type"), "name"), "pug");
  BOOST_CHECK_EQUAL(table(dog, "type").line(), 11);
  const std::vector<std::string> order = {"title", "mail", "dog"};
  BOOST_CHECK_EQUAL_COLLECTIONS(doc.keys().begin(), doc.keys().end(),
                                order.begin(), order.end());
}

BOOST_AUTO_TEST_CASE(implied_tables_may_be_defined_later) {
  const auto doc = parse(
      "[x.y.z.w]\n"
      "a = 1\n"
      "[x]\n"
      "b = 2\n"
      "[x.y]\n"
      "c = 3\n");
  const auto& x = table(doc, "x");
  BOOST_CHECK_EQUAL(x.line(), 3);  // its own header, not the implying one
  BOOST_CHECK_EQUAL(integer(x, "b"), 2);
  BOOST_CHECK_EQUAL(integer(table(x, "y"), "c"), 3);
  BOOST_CHECK_EQUAL(table(x, "y").line(), 5);
  BOOST_CHECK_EQUAL(integer(table(table(table(x, "y"), "z"), "w"), "a"), 1);
  BOOST_CHECK_EQUAL(table(table(x, "y"), "z").line(), 1);
}

BOOST_AUTO_TEST_CASE(sub_tables_of_dotted_key_tables) {
  const auto doc = parse(
      "[fruit]\n"
      "apple.color = \"red\"\n"
      "apple.taste.sweet = true\n"
      "[fruit.apple.texture]\n"
      "smooth = true\n");
  const auto& apple = table(table(doc, "fruit"), "apple");
  BOOST_CHECK_EQUAL(str(apple, "color"), "red");
  BOOST_CHECK(get(table(apple, "texture"), "smooth").as_boolean("s"));
  BOOST_CHECK_EQUAL(table(apple, "texture").line(), 4);
}

BOOST_AUTO_TEST_CASE(dotted_keys_may_fill_an_implied_table_once) {
  const auto doc = parse("[a.b.c]\nz = 1\n[a]\nb.d = 2\n");
  const auto& b = table(table(doc, "a"), "b");
  BOOST_CHECK_EQUAL(integer(b, "d"), 2);
  BOOST_CHECK_EQUAL(b.line(), 4);
  BOOST_CHECK_EQUAL(integer(table(b, "c"), "z"), 1);
  // ...after which b counts as defined by dotted keys.
  BOOST_CHECK_EQUAL(
      error_of("[a.b.c]\nz = 1\n[a]\nb.d = 2\n[a.b]\n"),
      "t.toml:5: table [a.b] is already defined by dotted keys on line 4");
}

BOOST_AUTO_TEST_CASE(arrays_of_tables) {
  const auto doc = parse(
      "[[products]]\n"
      "name = \"Hammer\"\n"
      "sku = 738594937\n"
      "\n"
      "[[products]]  # empty table within the array\n"
      "\n"
      "[[products]]\n"
      "name = \"Nail\"\n"
      "sku = 284758393\n"
      "color = \"gray\"\n");
  const auto& products = array(doc, "products");
  BOOST_REQUIRE_EQUAL(products.size(), 3u);
  BOOST_CHECK_EQUAL(get(doc, "products").line(), 1);
  BOOST_CHECK_EQUAL(products[0].line(), 1);
  BOOST_CHECK_EQUAL(products[1].line(), 5);
  BOOST_CHECK_EQUAL(products[2].line(), 7);
  BOOST_CHECK_EQUAL(products[2].as_table("p").line(), 7);
  BOOST_CHECK(products[1].as_table("p").keys().empty());
  const auto& nail = products[2].as_table("products[2]");
  BOOST_CHECK_EQUAL(str(nail, "name"), "Nail");
  BOOST_CHECK_EQUAL(get(nail, "color").line(), 10);
  BOOST_CHECK_EQUAL(get(products[0].as_table("p"), "sku").line(), 3);
}

BOOST_AUTO_TEST_CASE(nested_arrays_of_tables_and_sub_tables) {
  const auto doc = parse(
      "[[fruits]]\n"                     // 1
      "name = \"apple\"\n"               // 2
      "\n"                               // 3
      "[fruits.physical]  # subtable\n"  // 4
      "color = \"red\"\n"                // 5
      "shape = \"round\"\n"              // 6
      "\n"                               // 7
      "[[fruits.varieties]]\n"           // 8
      "name = \"red delicious\"\n"       // 9
      "\n"                               // 10
      "[[fruits.varieties]]\n"           // 11
      "name = \"granny smith\"\n"        // 12
      "\n"                               // 13
      "[[fruits]]\n"                     // 14
      "name = \"banana\"\n"              // 15
      "\n"                               // 16
      "[fruits.physical]\n"              // 17
      "color = \"yellow\"\n"             // 18
      "\n"                               // 19
      "[[fruits.varieties]]\n"           // 20
      "name = \"plantain\"\n");          // 21
  const auto& fruits = array(doc, "fruits");
  BOOST_REQUIRE_EQUAL(fruits.size(), 2u);
  const auto& apple = fruits[0].as_table("f");
  const auto& banana = fruits[1].as_table("f");
  BOOST_CHECK_EQUAL(str(table(apple, "physical"), "color"), "red");
  BOOST_CHECK_EQUAL(table(apple, "physical").line(), 4);
  BOOST_CHECK_EQUAL(get(table(apple, "physical"), "shape").line(), 6);
  const auto& varieties = array(apple, "varieties");
  BOOST_REQUIRE_EQUAL(varieties.size(), 2u);
  BOOST_CHECK_EQUAL(varieties[1].line(), 11);
  BOOST_CHECK_EQUAL(str(varieties[1].as_table("v"), "name"), "granny smith");
  BOOST_CHECK_EQUAL(get(varieties[1].as_table("v"), "name").line(), 12);
  BOOST_CHECK_EQUAL(banana.line(), 14);
  BOOST_CHECK_EQUAL(str(table(banana, "physical"), "color"), "yellow");
  BOOST_CHECK_EQUAL(get(table(banana, "physical"), "color").line(), 18);
  const auto& plantain = array(banana, "varieties");
  BOOST_REQUIRE_EQUAL(plantain.size(), 1u);
  BOOST_CHECK_EQUAL(plantain[0].line(), 20);
  BOOST_CHECK_EQUAL(get(plantain[0].as_table("v"), "name").line(), 21);
}

BOOST_AUTO_TEST_CASE(line_of_multiline_values_is_their_first_line) {
  const auto doc = parse(
      "a = 1\n"
      "text = \"\"\"\n"
      "one\n"
      "two\"\"\"\n"
      "b = '''x\n"
      "y'''\n"
      "c = 2\n");
  BOOST_CHECK_EQUAL(get(doc, "text").line(), 2);
  BOOST_CHECK_EQUAL(get(doc, "b").line(), 5);
  BOOST_CHECK_EQUAL(get(doc, "c").line(), 7);
}

BOOST_AUTO_TEST_CASE(values_know_their_file) {
  const auto doc = toml::parse("[t]\nx = 1\n", "jobs/nightly.toml");
  BOOST_CHECK_EQUAL(get(table(doc, "t"), "x").file(), "jobs/nightly.toml");
  BOOST_CHECK_EQUAL(table(doc, "t").file(), "jobs/nightly.toml");
  BOOST_CHECK_EQUAL(doc.file(), "jobs/nightly.toml");
}

BOOST_AUTO_TEST_CASE(copies_share_their_data) {
  const auto doc = parse(
      "s = \"a long string that does not fit in SSO\"\n"
      "t = { list = [1, 2, 3] }\n");
  const toml::Value copy = get(doc, "s");
  BOOST_CHECK_EQUAL(&copy.as_string("s"), &get(doc, "s").as_string("s"));
  const toml::Value table_copy = get(doc, "t");
  BOOST_CHECK_EQUAL(&table_copy.as_table("t"), &get(doc, "t").as_table("t"));
  const toml::Table whole = doc;  // the values inside are shared too
  BOOST_CHECK_EQUAL(&get(whole, "s").as_string("s"), &copy.as_string("s"));
}

// ------------------------------------------------------------- typed access

BOOST_AUTO_TEST_CASE(wrong_type_names_key_file_and_line) {
  const auto doc = parse("[mail]\nhost = \"h\"\nport = \"465\"\nlist = [1]\n");
  const auto& mail = table(doc, "mail");
  BOOST_CHECK_EQUAL(
      error_from([&] { get(mail, "port").as_integer("mail.port"); }),
      "t.toml:3: mail.port must be an integer, not a string");
  BOOST_CHECK_EQUAL(
      error_from([&] { get(mail, "port").as_number("mail.port"); }),
      "t.toml:3: mail.port must be a number, not a string");
  BOOST_CHECK_EQUAL(
      error_from([&] { get(mail, "host").as_boolean("mail.host"); }),
      "t.toml:2: mail.host must be a boolean (true or false), not a string");
  BOOST_CHECK_EQUAL(
      error_from([&] { get(mail, "list").as_table("mail.list"); }),
      "t.toml:4: mail.list must be a table, not an array");
  BOOST_CHECK_EQUAL(
      error_from([&] { get(mail, "list").as_string("mail.list"); }),
      "t.toml:4: mail.list must be a string, not an array");
  BOOST_CHECK_EQUAL(error_from([&] { get(doc, "mail").as_array("mail"); }),
                    "t.toml:1: mail must be an array, not a table");
  BOOST_CHECK_EQUAL(
      error_from([&] { get(mail, "host").as_datetime("mail.host"); }),
      "t.toml:2: mail.host must be a date, not a string");
  BOOST_CHECK_EQUAL(
      error_from([&] {
        get(mail, "list").as_array("l")[0].as_string("mail.list[0]");
      }),
      "t.toml:4: mail.list[0] must be a string, not an integer");
}

BOOST_AUTO_TEST_CASE(float_is_not_an_integer) {
  const auto doc = parse("\n\nport = 25.0\n");
  BOOST_CHECK_EQUAL(error_from([&] { get(doc, "port").as_integer("port"); }),
                    "t.toml:3: port must be an integer, not a float");
}

BOOST_AUTO_TEST_CASE(at_names_the_missing_key_and_table_line) {
  const auto doc = parse("a = 1\n\n[mail]\nhost = \"h\"\n");
  const auto& mail = table(doc, "mail");
  BOOST_CHECK_EQUAL(mail.at("host", "mail.host").as_string("mail.host"), "h");
  BOOST_CHECK_EQUAL(error_from([&] { mail.at("port", "mail.port"); }),
                    "t.toml:3: missing key mail.port");
  BOOST_CHECK_EQUAL(error_from([&] { doc.at("title", ""); }),
                    "t.toml:1: missing key title");
}

// ------------------------------------------------------------- check_keys

BOOST_AUTO_TEST_CASE(check_keys_accepts_known_keys) {
  const auto doc = parse("[style]\ncolor = \"red\"\nsize = 3\n");
  BOOST_CHECK_NO_THROW(
      table(doc, "style").check_keys({"color", "size", "font"}, "style"));
  BOOST_CHECK_NO_THROW(doc.check_keys({"style"}, ""));
}

BOOST_AUTO_TEST_CASE(check_keys_reports_the_first_unknown_key_on_its_line) {
  const auto doc = parse(
      "[style]\n"
      "size = 3\n"
      "\n"
      "colour = \"red\"\n"
      "weight = 1\n");
  BOOST_CHECK_EQUAL(
      error_from([&] {
        table(doc, "style").check_keys({"color", "size"}, "style");
      }),
      "t.toml:4: unknown key style.colour (did you mean color?)");
  BOOST_CHECK_EQUAL(
      error_from([&] {
        table(doc, "style").check_keys({"size", "colour"}, "style");
      }),
      "t.toml:5: unknown key style.weight (allowed: size, colour)");
}

BOOST_AUTO_TEST_CASE(check_keys_at_root_and_on_sub_tables) {
  const auto doc = parse(
      "name = \"x\"\n"
      "[mail]\n"
      "port = 1\n"
      "[mail.tls]\n"
      "on = true\n"
      "[\"备注\"]\n");
  BOOST_CHECK_EQUAL(error_from([&] {
                      doc.check_keys({"name", "mail"}, "");
                    }),
                    "t.toml:6: unknown key \"备注\" (allowed: name, mail)");
  // A sub-table is reported at its header.
  BOOST_CHECK_EQUAL(error_from([&] {
                      table(doc, "mail").check_keys({"port", "host"}, "mail");
                    }),
                    "t.toml:4: unknown key mail.tls (allowed: port, host)");
  BOOST_CHECK_EQUAL(
      error_from([&] { table(doc, "mail").check_keys({}, "mail"); }),
      "t.toml:3: unknown key mail.port (no keys are allowed here)");
}

BOOST_AUTO_TEST_CASE(check_keys_in_arrays_of_tables) {
  const auto doc = parse(
      "[[item]]\n"
      "name = \"a\"\n"
      "[[item]]\n"
      "name = \"b\"\n"
      "nmae = \"c\"\n");
  const auto& items = array(doc, "item");
  BOOST_CHECK_NO_THROW(items[0].as_table("item").check_keys({"name"}, "item"));
  BOOST_CHECK_EQUAL(error_from([&] {
                      items[1].as_table("item").check_keys({"name"}, "item[1]");
                    }),
                    "t.toml:5: unknown key item[1].nmae (did you mean name?)");
}

BOOST_AUTO_TEST_CASE(check_keys_with_dotted_key_reports_its_line) {
  const auto doc = parse("[job]\nname = 1\n\nlimits.max = 2\n");
  BOOST_CHECK_EQUAL(
      error_from([&] { table(doc, "job").check_keys({"name"}, "job"); }),
      "t.toml:4: unknown key job.limits (allowed: name)");
}

// ------------------------------------------------------------- refusals

BOOST_AUTO_TEST_CASE(duplicate_keys) {
  BOOST_CHECK_EQUAL(error_of("name = 1\nname = 2\n"),
                    "t.toml:2: duplicate key name (first defined on line 1)");
  BOOST_CHECK_EQUAL(error_of("name = 1\n\"name\" = 2\n"),
                    "t.toml:2: duplicate key name (first defined on line 1)");
  BOOST_CHECK_EQUAL(error_of("[t]\na = 1\n\n\na = 2\n"),
                    "t.toml:5: duplicate key t.a (first defined on line 2)");
  BOOST_CHECK_EQUAL(
      error_of("\"名称\" = 1\n'名称' = 2\n"),
      "t.toml:2: duplicate key \"名称\" (first defined on line 1)");
  BOOST_CHECK_EQUAL(error_of("a.b = 1\na.b = 2\n"),
                    "t.toml:2: duplicate key a.b (first defined on line 1)");
  BOOST_CHECK_EQUAL(
      error_of("a = 1\na.b = 2\n"),
      "t.toml:2: cannot define a.b: a is already an integer (line 1)");
  BOOST_CHECK_EQUAL(error_of("p = { x = 1, x = 2 }\n"),
                    "t.toml:1: duplicate key p.x (first defined on line 1)");
  BOOST_CHECK_EQUAL(error_of("[a.b]\nc = 1\n[a]\nb = 2\n"),
                    "t.toml:4: duplicate key a.b (first defined on line 1)");
}

BOOST_AUTO_TEST_CASE(redefined_tables) {
  BOOST_CHECK_EQUAL(
      error_of("[fruit]\napple = 1\n\n[fruit]\norange = 2\n"),
      "t.toml:4: table [fruit] is defined twice (first on line 1)");
  BOOST_CHECK_EQUAL(error_of("[a]\n[a.b]\n[a . b]\n"),
                    "t.toml:3: table [a.b] is defined twice (first on line 2)");
  BOOST_CHECK_EQUAL(error_of("[x.y]\n[x]\n[x]\n"),
                    "t.toml:3: table [x] is defined twice (first on line 2)");
  BOOST_CHECK_EQUAL(
      error_of("[fruit]\napple.color = \"red\"\n\n[fruit.apple]\n"),
      "t.toml:4: table [fruit.apple] is already defined by dotted keys on line "
      "2");
  BOOST_CHECK_EQUAL(
      error_of("[fruit]\napple.taste.sweet = 1\n[fruit.apple.taste]\n"),
      "t.toml:3: table [fruit.apple.taste] is already defined by dotted keys "
      "on line 2");
  BOOST_CHECK_EQUAL(
      error_of("a = { b = 1 }\n[a]\n"),
      "t.toml:2: table [a] is already defined as an inline table on line 1");
  BOOST_CHECK_EQUAL(
      error_of("a = { b = 1 }\n[a.c]\n"),
      "t.toml:2: cannot add to a: it is already an inline table (line 1)");
  BOOST_CHECK_EQUAL(
      error_of("a = 1\n[a]\n"),
      "t.toml:2: cannot define table [a]: a is already an integer (line 1)");
  BOOST_CHECK_EQUAL(
      error_of("a = [1]\n[a.b]\n"),
      "t.toml:2: cannot add to a: it is already an array (line 1)");
}

BOOST_AUTO_TEST_CASE(dotted_keys_cannot_reopen_other_tables) {
  BOOST_CHECK_EQUAL(error_of("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n"),
                    "t.toml:4: cannot define a.b.c.t: table [a.b.c] has its "
                    "own header on line 1");
  BOOST_CHECK_EQUAL(error_of("[a]\nb.c = 1\n[a.b.d]\n[a]\n"),
                    "t.toml:4: table [a] is defined twice (first on line 1)");
  BOOST_CHECK_EQUAL(error_of("a = { b = 1 }\na.c = 2\n"),
                    "t.toml:2: cannot define a.c: a is an inline table (line "
                    "1) and cannot be extended");
  BOOST_CHECK_EQUAL(error_of("x = { a = { b = 1 }, a.c = 2 }\n"),
                    "t.toml:1: cannot define x.a.c: x.a is an inline table "
                    "(line 1) and cannot be extended");
  BOOST_CHECK_EQUAL(error_of("[[a.b]]\n[a]\nb.y = 2\n"),
                    "t.toml:3: cannot define a.b.y: a.b is already an array of "
                    "tables (line 1)");
}

BOOST_AUTO_TEST_CASE(arrays_of_tables_conflicts) {
  BOOST_CHECK_EQUAL(error_of("fruits = []\n\n[[fruits]]\n"),
                    "t.toml:3: cannot make [[fruits]] an array of tables: "
                    "fruits is already an array (line 1)");
  BOOST_CHECK_EQUAL(error_of("[[fruits]]\nname = 1\n[fruits]\n"),
                    "t.toml:3: cannot define table [fruits]: fruits is already "
                    "an array of tables (line 1)");
  BOOST_CHECK_EQUAL(error_of("[fruit]\n[[fruit]]\n"),
                    "t.toml:2: cannot make [[fruit]] an array of tables: fruit "
                    "is already a table (line 1)");
  BOOST_CHECK_EQUAL(
      error_of("[[fruits]]\n[fruits.physical]\n[fruits.physical]\n"),
      "t.toml:3: table [fruits.physical] is defined twice (first on line 2)");
}

BOOST_AUTO_TEST_CASE(unterminated_strings) {
  BOOST_CHECK_EQUAL(
      error_of("a = 1\nb = \"abc\nc = 2\n"),
      "t.toml:2: unterminated string: missing \" before the end of the line");
  BOOST_CHECK_EQUAL(
      error_of("b = \"abc"),
      "t.toml:1: unterminated string: missing \" before the end of the line");
  BOOST_CHECK_EQUAL(
      error_of("\n\nb = 'abc\n"),
      "t.toml:3: unterminated string: missing ' before the end of the line");
  BOOST_CHECK_EQUAL(
      error_of("a = 1\nb = \"\"\"abc\n\ndef\n"),
      "t.toml:2: unterminated multi-line string: missing closing \"\"\"");
  BOOST_CHECK_EQUAL(
      error_of("a = 1\n\nb = '''abc\ndef''\n"),
      "t.toml:3: unterminated multi-line string: missing closing '''");
  BOOST_CHECK_EQUAL(
      error_of("\"key = 1\n"),
      "t.toml:1: unterminated string: missing \" before the end of the line");
  BOOST_CHECK_EQUAL(
      error_of("a = \"abc\\\n\"\n"),
      "t.toml:1: unterminated string (a backslash ends the line)");
}

BOOST_AUTO_TEST_CASE(bad_escapes) {
  BOOST_CHECK_EQUAL(error_of("ok = 1\npath = \"C:\\Users\"\n"),
                    "t.toml:2: \\U needs 8 hex digits");
  BOOST_CHECK_EQUAL(
      error_of("path = \"C:\\temp\\q\"\n"),
      "t.toml:1: invalid escape \\q (write \\\\ for a backslash)");
  BOOST_CHECK_EQUAL(
      error_of("a = \"\\x41\"\n"),
      "t.toml:1: invalid escape \\x (write \\\\ for a backslash)");
  BOOST_CHECK_EQUAL(
      error_of("a = \"\\中\"\n"),
      "t.toml:1: invalid escape \\中 (write \\\\ for a backslash)");
  BOOST_CHECK_EQUAL(error_of("a = \"\\u12\"\n"),
                    "t.toml:1: \\u needs 4 hex digits");
  BOOST_CHECK_EQUAL(error_of("a = \"\\uD800\"\n"),
                    "t.toml:1: escape \\uD800 is not a Unicode character");
  BOOST_CHECK_EQUAL(error_of("a = \"\\U00110000\"\n"),
                    "t.toml:1: escape \\U00110000 is not a Unicode character");
  BOOST_CHECK_EQUAL(
      error_of("a = \"\"\"\nline\n\\e\"\"\"\n"),
      "t.toml:3: invalid escape \\e (write \\\\ for a backslash)");
  BOOST_CHECK_EQUAL(
      error_of("a = \"\"\"x \\ y\"\"\"\n"),
      "t.toml:1: a backslash followed by blanks must end the line");
  BOOST_CHECK_EQUAL(
      error_of("a = \"x \\ \"\n"),
      "t.toml:1: invalid escape \\  (write \\\\ for a backslash)");
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
  BOOST_CHECK_EQUAL(
      error_of("a = 1\nb = \"\xFF\"\n"),
      "t.toml:2: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
  // GBK bytes for 中文, a common mistake.
  BOOST_CHECK_EQUAL(
      error_of("a = 1\n\n# c\nname = \"\xD6\xD0\xCE\xC4\"\n"),
      "t.toml:4: invalid UTF-8 (byte 0xD6); save the file as UTF-8");
  BOOST_CHECK_EQUAL(
      error_of("a = \"\xC0\x80\"\n"),  // overlong
      "t.toml:1: invalid UTF-8 (byte 0xC0); save the file as UTF-8");
  BOOST_CHECK_EQUAL(
      error_of("a = \"\xED\xA0\x80\"\n"),  // surrogate
      "t.toml:1: invalid UTF-8 (byte 0xED); save the file as UTF-8");
  BOOST_CHECK_EQUAL(
      error_of("# \xE4\xB8\n"),  // cut short, in a comment
      "t.toml:1: invalid UTF-8 (byte 0xE4); save the file as UTF-8");
}

BOOST_AUTO_TEST_CASE(control_characters) {
  BOOST_CHECK_EQUAL(
      error_of("a = \"bell\x07\"\n"),
      "t.toml:1: control character U+0007 is not allowed (in a string "
      "write it as \\u0007)");
  BOOST_CHECK_EQUAL(
      error_of("a = 1\n# \x7F\n"),
      "t.toml:2: control character U+007F is not allowed (in a string "
      "write it as \\u007F)");
  BOOST_CHECK_EQUAL(error_of("a = 1\rb = 2\n"),
                    "t.toml:1: carriage return without a line feed");
  BOOST_CHECK_EQUAL(str(parse("a = \"tab\there\"\n"), "a"), "tab\there");
}

BOOST_AUTO_TEST_CASE(garbage_after_a_value) {
  BOOST_CHECK_EQUAL(error_of("a = 1 2\n"),
                    "t.toml:1: unexpected text after the value of a: 2");
  BOOST_CHECK_EQUAL(
      error_of("x = 0\n[t]\nname = \"Tom\" \"Jerry\"  \n"),
      "t.toml:3: unexpected text after the value of t.name: \"Jerry\"");
  BOOST_CHECK_EQUAL(error_of("a = [1, 2] ]\n"),
                    "t.toml:1: unexpected text after the value of a: ]");
  BOOST_CHECK_EQUAL(error_of("a = 1, b = 2\n"),
                    "t.toml:1: unexpected text after the value of a: , b = 2");
  BOOST_CHECK_EQUAL(error_of("[t] x = 1\n"),
                    "t.toml:1: unexpected text after table header [t]: x = 1");
  BOOST_CHECK_EQUAL(error_of("a = \"\"\"x\"\"\"\"\"\"\n"),
                    "t.toml:1: unexpected text after the value of a: \"");
  BOOST_CHECK_EQUAL(error_of("a = '中' 文\n"),
                    "t.toml:1: unexpected text after the value of a: 文");
}

BOOST_AUTO_TEST_CASE(bad_keys_and_missing_values) {
  BOOST_CHECK_EQUAL(error_of("a =\n"), "t.toml:1: missing value for key a");
  BOOST_CHECK_EQUAL(error_of("a = # nothing\n"),
                    "t.toml:1: missing value for key a");
  BOOST_CHECK_EQUAL(error_of("\nname\n"),
                    "t.toml:2: expected = after key name, found end of line");
  BOOST_CHECK_EQUAL(
      error_of("first name = 1\n"),
      "t.toml:1: expected = after key first, found 'n' (a key with spaces "
      "must be quoted)");
  BOOST_CHECK_EQUAL(error_of("= 1\n"), "t.toml:1: expected a key, found '='");
  BOOST_CHECK_EQUAL(error_of("a. = 1\n"),
                    "t.toml:1: expected a key, found '='");
  BOOST_CHECK_EQUAL(error_of("a..b = 1\n"),
                    "t.toml:1: expected a key, found '.'");
  BOOST_CHECK_EQUAL(
      error_of("名称 = 1\n"),
      "t.toml:1: a key that is not plain ASCII letters, digits, - or _ must "
      "be quoted: \"名称\"");
  BOOST_CHECK_EQUAL(error_of("\"\"\"key\"\"\" = 1\n"),
                    "t.toml:1: a key cannot be a multi-line string");
  BOOST_CHECK_EQUAL(error_of("name = Tom\n"),
                    "t.toml:1: invalid value Tom (strings must be in quotes)");
  BOOST_CHECK_EQUAL(
      error_of("name = 北京\n"),
      "t.toml:1: expected a value, found '北' (strings must be in quotes)");
  BOOST_CHECK_EQUAL(error_of("on = True\n"),
                    "t.toml:1: invalid value True (strings must be in quotes)");
  BOOST_CHECK_EQUAL(error_of("a = =\n"),
                    "t.toml:1: expected a value, found '='");
}

BOOST_AUTO_TEST_CASE(full_width_and_invisible_spaces_are_named) {
  BOOST_CHECK_EQUAL(
      error_of("a\u3000= 1\n"),
      "t.toml:1: expected = after key a, found a full-width space "
      "(U+3000); use ASCII spaces");
  BOOST_CHECK_EQUAL(
      error_of("a = 1\u3000# 备注\n"),
      "t.toml:1: unexpected a full-width space (U+3000); use ASCII "
      "spaces after the value of a");
  BOOST_CHECK_EQUAL(
      error_of("\n\u3000a = 1\n"),
      "t.toml:2: expected a key, found a full-width space (U+3000); use "
      "ASCII spaces");
  BOOST_CHECK_EQUAL(
      error_of("名称\u3000= 1\n"),
      "t.toml:1: a key that is not plain ASCII letters, digits, - or _ must "
      "be quoted: \"名称\"");
  BOOST_CHECK_EQUAL(
      error_of("a =\u00A01\n"),
      "t.toml:1: expected a value, found a no-break space (U+00A0); use "
      "ASCII spaces");
  BOOST_CHECK_EQUAL(
      error_of("a = 1\n\xEF\xBB\xBF"
               "b = 2\n"),
      "t.toml:2: expected a key, found a byte-order mark (U+FEFF); use "
      "ASCII spaces");
  // Inside strings they are ordinary text.
  BOOST_CHECK_EQUAL(str(parse("a = \"甲\u3000乙\"\n"), "a"), "甲\u3000乙");
}

BOOST_AUTO_TEST_CASE(bad_headers) {
  BOOST_CHECK_EQUAL(error_of("[]\n"), "t.toml:1: expected a key, found ']'");
  BOOST_CHECK_EQUAL(error_of("a = 1\n[t\nb = 2\n"),
                    "t.toml:2: expected ] to close [t], found end of line");
  BOOST_CHECK_EQUAL(error_of("[[t]\n"),
                    "t.toml:1: expected ]] to close [[t]], found ']'");
  BOOST_CHECK_EQUAL(error_of("[[t] ]\n"),
                    "t.toml:1: expected ]] to close [[t]], found ']'");
  BOOST_CHECK_EQUAL(error_of("[a.]\n"), "t.toml:1: expected a key, found ']'");
}

BOOST_AUTO_TEST_CASE(bad_numbers) {
  BOOST_CHECK_EQUAL(
      error_of("a = 012\n"),
      "t.toml:1: invalid number 012: leading zeros are not allowed");
  BOOST_CHECK_EQUAL(error_of("a = 1__000\n"),
                    "t.toml:1: invalid number 1__000");
  BOOST_CHECK_EQUAL(error_of("a = 1000_\n"), "t.toml:1: invalid number 1000_");
  BOOST_CHECK_EQUAL(error_of("a = _1\n"), "t.toml:1: invalid value _1");
  BOOST_CHECK_EQUAL(
      error_of("a = -0x1\n"),
      "t.toml:1: invalid number -0x1: hex, octal and binary numbers cannot "
      "have a sign");
  BOOST_CHECK_EQUAL(error_of("a = 0x\n"), "t.toml:1: invalid number 0x");
  BOOST_CHECK_EQUAL(error_of("a = 0b102\n"), "t.toml:1: invalid number 0b102");
  BOOST_CHECK_EQUAL(error_of("a = 0XFF\n"), "t.toml:1: invalid number 0XFF");
  BOOST_CHECK_EQUAL(error_of("a = 9223372036854775808\n"),
                    "t.toml:1: integer 9223372036854775808 is too large");
  BOOST_CHECK_EQUAL(error_of("a = 0xFFFFFFFFFFFFFFFF\n"),
                    "t.toml:1: integer 0xFFFFFFFFFFFFFFFF is too large");
  BOOST_CHECK_EQUAL(error_of("a = 1.\n"), "t.toml:1: invalid number 1.");
  BOOST_CHECK_EQUAL(error_of("a = .5\n"), "t.toml:1: invalid value .5");
  BOOST_CHECK_EQUAL(error_of("a = 1.e5\n"), "t.toml:1: invalid number 1.e5");
  BOOST_CHECK_EQUAL(error_of("a = 1e\n"), "t.toml:1: invalid number 1e");
  BOOST_CHECK_EQUAL(error_of("a = 1.2.3\n"), "t.toml:1: invalid number 1.2.3");
  BOOST_CHECK_EQUAL(
      error_of("a = 03.14\n"),
      "t.toml:1: invalid number 03.14: leading zeros are not allowed");
  BOOST_CHECK_EQUAL(error_of("a = 1e999\n"),
                    "t.toml:1: number 1e999 is too large");
  BOOST_CHECK_EQUAL(error_of("a = 12abc\n"), "t.toml:1: invalid number 12abc");
  BOOST_CHECK_EQUAL(
      error_of("a = infinity\n"),
      "t.toml:1: invalid value infinity (strings must be in quotes)");
  BOOST_CHECK_EQUAL(error_of("a = +\n"), "t.toml:1: invalid value +");
}

BOOST_AUTO_TEST_CASE(bad_dates) {
  BOOST_CHECK_EQUAL(
      error_of("d = 2026-13-01\n"),
      "t.toml:1: invalid date or time 2026-13-01: month must be 01 to 12");
  BOOST_CHECK_EQUAL(error_of("d = 2025-02-29\n"),
                    "t.toml:1: invalid date or time 2025-02-29: day out of "
                    "range for the month");
  BOOST_CHECK_EQUAL(
      error_of("d = 2026-1-5\n"),
      "t.toml:1: invalid date or time 2026-1-5: dates are written YYYY-MM-DD");
  BOOST_CHECK_EQUAL(
      error_of("t = 07:32\n"),
      "t.toml:1: invalid date or time 07:32: times need seconds (HH:MM:SS)");
  BOOST_CHECK_EQUAL(
      error_of("t = 24:00:00\n"),
      "t.toml:1: invalid date or time 24:00:00: hour must be 00 to 23");
  BOOST_CHECK_EQUAL(
      error_of("t = 2026-12-04T10:00:00+8\n"),
      "t.toml:1: invalid date or time 2026-12-04T10:00:00+8: time zone "
      "offsets are written +HH:MM");
  BOOST_CHECK_EQUAL(
      error_of("t = 10:00:00Z\n"),
      "t.toml:1: invalid date or time 10:00:00Z: a time of day cannot have a "
      "time zone");
  BOOST_CHECK_EQUAL(
      error_of("t = 2026-12-04X\n"),
      "t.toml:1: invalid date or time 2026-12-04X: expected T between date "
      "and time");
}

BOOST_AUTO_TEST_CASE(bad_arrays) {
  BOOST_CHECK_EQUAL(
      error_of("a = [1 2]\n"),
      "t.toml:1: expected , or ] in the array of line 1, found '2'");
  BOOST_CHECK_EQUAL(
      error_of("a = [\n  1,\n  2\n  3\n]\n"),
      "t.toml:4: expected , or ] in the array of line 1, found '3'");
  BOOST_CHECK_EQUAL(error_of("x = 1\na = [1, 2\n"),
                    "t.toml:2: unterminated array: missing ]");
  BOOST_CHECK_EQUAL(error_of("a = [1,,2]\n"),
                    "t.toml:1: expected a value, found ','");
  BOOST_CHECK_EQUAL(error_of("a = [,]\n"),
                    "t.toml:1: expected a value, found ','");
  BOOST_CHECK_EQUAL(error_of("a = [\n  \"x\",\n  y,\n]\n"),
                    "t.toml:3: invalid value y (strings must be in quotes)");
}

BOOST_AUTO_TEST_CASE(bad_inline_tables) {
  BOOST_CHECK_EQUAL(
      error_of("a = { b = 1,\n c = 2 }\n"),
      "t.toml:1: an inline table must end on the line it starts (use a "
      "[table] for more lines)");
  BOOST_CHECK_EQUAL(
      error_of("a = { b = 1, }\n"),
      "t.toml:1: no comma is allowed after the last key of an inline table");
  BOOST_CHECK_EQUAL(error_of("a = { b = 1 c = 2 }\n"),
                    "t.toml:1: expected , or } in the inline table, found 'c'");
  BOOST_CHECK_EQUAL(error_of("a = { b }\n"),
                    "t.toml:1: expected = after key a.b, found '}'");
  BOOST_CHECK_EQUAL(error_of("a = { b = }\n"),
                    "t.toml:1: missing value for key a.b");
  BOOST_CHECK_EQUAL(error_of("a = { b = 1"),
                    "t.toml:1: unterminated inline table: missing }");
  BOOST_CHECK_EQUAL(
      error_of("a = { b = 1 # c\n}\n"),
      "t.toml:1: an inline table must end on the line it starts (use a "
      "[table] for more lines)");
}

BOOST_AUTO_TEST_CASE(too_deep_nesting_is_refused) {
  const std::string deep =
      "a = " + std::string(5000, '[') + std::string(5000, ']');
  BOOST_CHECK_EQUAL(error_of(deep), "t.toml:1: values are nested too deeply");
}

// ------------------------------------------------------------- files

BOOST_AUTO_TEST_CASE(parse_file_reads_and_names_the_file) {
  const std::string path =
      "/tmp/danju_toml_test_" + std::to_string(::getpid()) + ".toml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "# 作业\n[job]\nname = \"夜间\"\nport = \"x\"\n";
  }
  const auto doc = toml::parse_file(path);
  const auto& job = table(doc, "job");
  BOOST_CHECK_EQUAL(str(job, "name"), "夜间");
  BOOST_CHECK_EQUAL(
      error_from([&] { get(job, "port").as_integer("job.port"); }),
      path + ":4: job.port must be an integer, not a string");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a = 1\na = 2\n";
  }
  BOOST_CHECK_EQUAL(error_from([&] { toml::parse_file(path); }),
                    path + ":2: duplicate key a (first defined on line 1)");
  std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(parse_file_refuses_missing_files) {
  BOOST_CHECK_EQUAL(
      error_from([] { toml::parse_file("/nonexistent/x.toml"); }),
      "/nonexistent/x.toml: cannot open: No such file or directory");
  BOOST_CHECK_EQUAL(error_from([] { toml::parse_file("/tmp"); }),
                    "/tmp: cannot read: it is a folder, not a file");
}
