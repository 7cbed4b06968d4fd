// Replies kept as evidence in a month's mailbox file: every message read
// back byte for byte, whatever its lines look like, after a cut block too;
// and the file opened by Python's mailbox module, as a mail program would.
#define BOOST_TEST_MODULE archive_reply_evidence
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "archive/reply_evidence.h"
#include "core/file_io.h"
#include "fixtures/python_check.h"
#include "fixtures/temp_folder.h"

using danju::testing::TempFolder;

namespace fs = std::filesystem;

namespace {

std::string reply(const std::string& subject, const std::string& body) {
  return "From: =?UTF-8?B?546L5Zac?= <wang.zhe@example.com>\r\n"
         "Subject: " + subject + "\r\n"
         "Message-ID: <" + subject + "@example.com>\r\n\r\n" + body;
}

// Messages whose lines look like the separators of a mailbox file.
std::vector<std::string> awkward_messages() {
  return {
      reply("plain", "同意\r\n"),
      reply("from-lines", "From the desk of 王喆:\r\n>From quoted\r\n"
                          ">>From twice\r\n\r\nFrom \r\nFrom\r\n"),
      reply("no-line-end", "同意，谢谢"),
      "From someone-else Fri Dec  4 09:00:00 2026\nSubject: odd\n\nx\n",
      reply("lf-only", "line one\nFrom two\n\n\n"),
      "",
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_message_comes_back_byte_for_byte) {
  TempFolder temp("evidence");
  const std::vector<std::string> messages = awkward_messages();

  const auto spots =
      danju::keep_reply_evidence(temp.path + "/replies", "2026-12", messages);

  BOOST_REQUIRE(spots.size() == messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    BOOST_TEST(spots[i].path == temp.path + "/replies/2026-12.mbox");
    BOOST_TEST(danju::read_reply_evidence(spots[i]) == messages[i], i);
    if (i > 0) {
      BOOST_TEST(spots[i].offset == spots[i - 1].offset +
                                        spots[i - 1].length);
    }
  }
  BOOST_TEST(spots.front().offset == 0);
  BOOST_TEST(static_cast<std::int64_t>(fs::file_size(spots.back().path)) ==
             spots.back().offset + spots.back().length);

  // Quoted in the file, so that no body line starts a message.
  const std::string file = danju::read_file(spots.front().path);
  BOOST_TEST(file.find("\n>From the desk") != std::string::npos);
  BOOST_TEST(file.find("\n>>From quoted") != std::string::npos);
  BOOST_TEST(file.find("\n>>>From twice") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_later_batch_goes_after_the_first) {
  TempFolder temp("evidence");
  const std::string folder = temp.path + "/replies";
  const auto first = danju::keep_reply_evidence(folder, "2026-12",
                                                {reply("a", "同意\r\n")});
  const auto second = danju::keep_reply_evidence(
      folder, "2026-12", {reply("b", "驳回：价格太低\r\n")});
  const auto other_month = danju::keep_reply_evidence(
      folder, "2027-01", {reply("c", "同意\r\n")});

  BOOST_TEST(second[0].offset == first[0].offset + first[0].length);
  BOOST_TEST(danju::read_reply_evidence(first[0]) == reply("a", "同意\r\n"));
  BOOST_TEST(danju::read_reply_evidence(second[0]) ==
             reply("b", "驳回：价格太低\r\n"));
  BOOST_TEST(other_month[0].path == folder + "/2027-01.mbox");
  BOOST_TEST(other_month[0].offset == 0);
}

BOOST_AUTO_TEST_CASE(a_block_cut_short_is_left_and_the_next_starts_clean) {
  TempFolder temp("evidence");
  const std::string folder = temp.path + "/replies";
  const auto kept =
      danju::keep_reply_evidence(folder, "2026-12", {reply("a", "同意\r\n")});
  // What an append killed halfway leaves: a block without its end.
  const std::string cut = "From danju-intake Fri Dec  4 21:00:00 2026\n"
                          "Subject: half";
  {
    std::FILE* file = std::fopen(kept[0].path.c_str(), "ab");
    std::fwrite(cut.data(), 1, cut.size(), file);
    std::fclose(file);
  }

  const auto next =
      danju::keep_reply_evidence(folder, "2026-12", {reply("b", "同意\r\n")});

  BOOST_TEST(next[0].offset == kept[0].offset + kept[0].length +
                                   static_cast<std::int64_t>(cut.size()) + 2);
  BOOST_TEST(danju::read_reply_evidence(next[0]) == reply("b", "同意\r\n"));
  BOOST_TEST(danju::read_reply_evidence(kept[0]) == reply("a", "同意\r\n"));
}

BOOST_AUTO_TEST_CASE(a_spot_that_holds_no_kept_reply_is_refused) {
  TempFolder temp("evidence");
  const auto kept = danju::keep_reply_evidence(temp.path, "2026-12",
                                               {reply("a", "同意\r\n")});
  danju::EvidenceSpot past_the_end = kept[0];
  past_the_end.offset += 10;
  BOOST_CHECK_THROW(danju::read_reply_evidence(past_the_end),
                    danju::FileError);
  danju::EvidenceSpot inside = kept[0];
  inside.offset += 1;
  inside.length -= 1;
  BOOST_CHECK_THROW(danju::read_reply_evidence(inside), danju::FileError);
  danju::EvidenceSpot missing = kept[0];
  missing.path += ".gone";
  BOOST_CHECK_THROW(danju::read_reply_evidence(missing), danju::FileError);
}

BOOST_AUTO_TEST_CASE(a_mail_program_reads_the_file_as_a_mailbox) {
  TempFolder temp("evidence");
  const std::vector<std::string> messages = awkward_messages();
  const auto spots =
      danju::keep_reply_evidence(temp.path, "2026-12", messages);

  // Python's mailbox module splits an mbox at its "From " lines.
  const auto python = danju::testing::run_python(
      {"-c",
       "import mailbox, sys\n"
       "box = mailbox.mbox(sys.argv[1], create=False)\n"
       "for message in box:\n"
       "    print(message.get('Subject', '-'))\n",
       spots.front().path});

  // Six messages, none split by its body's lines; the fourth starts with a
  // line that is no header (quoted as ">From"), so it shows no subject.
  BOOST_TEST(python.exit_code == 0, python.err);
  BOOST_TEST(python.out == "plain\nfrom-lines\nno-line-end\n-\nlf-only\n-\n",
             python.out);
}
