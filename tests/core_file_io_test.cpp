// Listing the files under a folder, as verify does for the documents and
// the archive.
#define BOOST_TEST_MODULE core_file_io
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "fixtures/temp_folder.h"

using danju::testing::TempFolder;

namespace fs = std::filesystem;

namespace {

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(files_at_every_depth_are_listed_relative_to_the_folder) {
  TempFolder temp("files");
  const std::string root = temp.path + "/archive";
  danju::make_directories(root + "/2026-12/LP001");
  danju::make_directories(root + "/2026-12/空的");
  danju::write_file_atomic(root + "/stray.txt", "x");
  danju::write_file_atomic(root + "/2026-12/manifest.txt", "x");
  danju::write_file_atomic(root + "/2026-12/LP001/FH-LP001-v1.pdf", "x");
  danju::write_file_atomic(root + "/2026-12/LP001/订单.json", "x");
  // A link to a file counts as the file; a dangling one is no file and
  // does not end the listing.
  fs::create_symlink(root + "/stray.txt", root + "/2026-12/link.txt");
  fs::create_symlink(root + "/gone", root + "/2026-12/LP001/a-dangling");

  BOOST_TEST(sorted(danju::files_under(root)) ==
                 (std::vector<std::string>{
                     "2026-12/LP001/FH-LP001-v1.pdf", "2026-12/LP001/订单.json",
                     "2026-12/link.txt", "2026-12/manifest.txt",
                     "stray.txt"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_folder_that_is_not_there_has_no_files) {
  TempFolder temp("files");
  BOOST_TEST(danju::files_under(temp.path + "/nothing").empty());
}

BOOST_AUTO_TEST_CASE(a_file_in_place_of_the_folder_cannot_be_listed) {
  TempFolder temp("files");
  danju::write_file_atomic(temp.path + "/archive", "not a folder");
  BOOST_CHECK_THROW(danju::files_under(temp.path + "/archive"),
                    danju::FileError);
}
