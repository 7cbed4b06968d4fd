// The helper thread that works in rounds when nudged.
#define BOOST_TEST_MODULE core_nudged_thread
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/nudged_thread.h"

namespace {

void wait_until(const std::atomic<int>& value, int wanted) {
  for (int i = 0; i < 2000 && value.load() < wanted; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(nothing_runs_before_a_nudge_and_stop_runs_a_last_round) {
  std::atomic<int> rounds{0};
  std::vector<bool> lasts;
  {
    danju::NudgedThread thread([&](bool last) {
      lasts.push_back(last);
      ++rounds;
      return true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    BOOST_TEST(rounds.load() == 0);

    thread.nudge();
    wait_until(rounds, 1);
    BOOST_TEST(rounds.load() == 1);
    thread.stop();
    thread.stop();  // a second stop does nothing more
  }
  BOOST_TEST(rounds.load() == 2);
  BOOST_TEST(lasts == (std::vector<bool>{false, true}));
}

BOOST_AUTO_TEST_CASE(nudges_during_a_round_make_one_more_round) {
  std::atomic<int> rounds{0};
  std::atomic<bool> release{false};
  danju::NudgedThread thread([&](bool last) {
    if (last) return true;
    while (!release.load()) std::this_thread::yield();
    ++rounds;
    return true;
  });
  thread.nudge();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  for (int i = 0; i < 5; ++i) thread.nudge();
  release = true;
  wait_until(rounds, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  BOOST_TEST(rounds.load() == 2);
  thread.stop();
}

BOOST_AUTO_TEST_CASE(work_that_returns_false_ends_the_thread) {
  std::atomic<int> rounds{0};
  danju::NudgedThread thread([&](bool) {
    ++rounds;
    return false;
  });
  thread.nudge();
  wait_until(rounds, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  thread.nudge();
  thread.stop();
  BOOST_TEST(rounds.load() == 1);
}
