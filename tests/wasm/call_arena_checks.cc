// Checks of the call arena (cpp/wasm/call_arena.h) that only the
// WebAssembly build can make: Emscripten's malloc and aligned_alloc, and
// its default alignment, differ from glibc's, under which the GoogleTest
// program (tests/cpp/call_arena_test.cc) runs. tests/node/call-arena.test.mjs
// calls each check; each returns 1 when it passes and 0 when it fails.

#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <new>

#include "call_arena.h"

namespace {

using segform::wasm::CallArena;

// SIZE_MAX, read at run time, so that the calls below are not folded.
volatile size_t largest_size = SIZE_MAX;

bool AlignedTo(const void* block, size_t alignment) {
  return reinterpret_cast<uintptr_t>(block) % alignment == 0;
}

}  // namespace

// Blocks from the region follow one another at the default alignment.
extern "C" EMSCRIPTEN_KEEPALIVE int CheckRegionAlignment() {
  const size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
  CallArena::Open();
  void* odd = ::operator new(alignment + 1);
  void* next = ::operator new(1);
  CallArena::Close();
  const bool in_order = CallArena::Holds(odd) && CallArena::Holds(next) &&
                        AlignedTo(next, alignment) &&
                        static_cast<char*>(next) - static_cast<char*>(odd) ==
                            static_cast<ptrdiff_t>(2 * alignment);
  ::operator delete(odd);
  ::operator delete(next);
  return in_order && CallArena::LiveBlocks() == 0 ? 1 : 0;
}

// Emscripten's aligned_alloc takes neither an alignment below the pointer
// size nor a size that is not a multiple of the alignment.
extern "C" EMSCRIPTEN_KEEPALIVE int CheckSmallAlignment() {
  void* block = ::operator new(8, std::align_val_t(2), std::nothrow);
  const bool served = block != nullptr && AlignedTo(block, 2);
  ::operator delete(block, std::align_val_t(2));
  return served ? 1 : 0;
}

extern "C" EMSCRIPTEN_KEEPALIVE int CheckAlignedOddSize() {
  void* block = ::operator new(100, std::align_val_t(64), std::nothrow);
  const bool served = block != nullptr && AlignedTo(block, 64);
  ::operator delete(block, std::align_val_t(64));
  return served ? 1 : 0;
}

// The nothrow forms return null where the others would end the program.
extern "C" EMSCRIPTEN_KEEPALIVE int CheckNothrowTooLarge() {
  return ::operator new(largest_size, std::nothrow) ==
                 nullptr&& ::operator new(largest_size - 15,
                                          std::align_val_t(64), std::nothrow) ==
                 nullptr
             ? 1
             : 0;
}
