// Running independent pieces of work on every core.
#pragma once

#include <cstddef>
#include <functional>

namespace danju {

// The threads to use when the job does not say: one per core, at least one.
unsigned default_workers();

// Calls work(i) once for each i in [0, count), on up to `workers` threads
// (the calling thread is one of them), and returns when every call has
// returned. Each call takes the next i not yet taken, so uneven pieces
// balance out. work must not throw: catch inside and keep the error with
// the piece.
void parallel_for(std::size_t count, unsigned workers,
                  const std::function<void(std::size_t)>& work);

}  // namespace danju
