// The region behind CallArena (call_arena.h) and the global operator new
// and delete that use it. The module is single-threaded, so the state is
// plain globals.

#include "call_arena.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace segform::wasm {
namespace {

// Every block starts at this alignment, which operator new promises for
// any type that does not ask for more.
constexpr size_t kAlignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

// Blocks are taken from one chunk at a time. A validate() call on a corpus
// input takes about 2 KB. A call on a large document runs out of chunks
// and takes the rest from malloc.
constexpr size_t kChunkBytes = CallArena::kChunkBytes;
constexpr size_t kChunkCount = CallArena::kChunkCount;

alignas(kAlignment) unsigned char region[kChunkBytes * kChunkCount];
struct Chunk {
  size_t used = 0;  // bytes, from the chunk's start
  size_t live = 0;  // blocks not yet freed
};
Chunk chunks[kChunkCount];
size_t current = 0;  // the chunk blocks are taken from
bool open = false;

// Returns the index of the chunk that holds block, or kChunkCount when the
// block is not in the region.
size_t ChunkOf(const void* block) {
  const uintptr_t offset =
      reinterpret_cast<uintptr_t>(block) - reinterpret_cast<uintptr_t>(region);
  return offset < sizeof region ? offset / kChunkBytes : kChunkCount;
}

// Returns a block of `bytes` from the region, or null when none fits.
void* TakeFromRegion(size_t bytes) {
  if (bytes > kChunkBytes) return nullptr;
  // Rounding up keeps the next block aligned. A zero-byte block still
  // takes room, since each call of operator new returns a new address.
  const size_t rounded =
      bytes == 0 ? kAlignment : (bytes + kAlignment - 1) & ~(kAlignment - 1);
  if (rounded > kChunkBytes - chunks[current].used) {
    size_t empty = 0;
    while (empty < kChunkCount && chunks[empty].live != 0) ++empty;
    if (empty == kChunkCount) return nullptr;
    current = empty;
    chunks[current].used = 0;
  }
  Chunk& chunk = chunks[current];
  void* block = region + current * kChunkBytes + chunk.used;
  chunk.used += rounded;
  ++chunk.live;
  return block;
}

// Calls allocate() until it returns a block, running the new-handler, if
// one is set, after each failure, as the standard operator new does.
// Returns null when there is no handler left to run.
template <typename Allocator>
void* RetryWithNewHandler(Allocator allocate) {
  while (true) {
    if (void* block = allocate()) return block;
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) return nullptr;
    handler();
  }
}

// Returns a block of `bytes`, or null when memory has run out.
void* TryAllocate(size_t bytes) {
  if (open) {
    if (void* block = TakeFromRegion(bytes)) return block;
  }
  // malloc(0) may return null, which operator new must not.
  return RetryWithNewHandler(
      [bytes] { return std::malloc(bytes ? bytes : 1); });
}

// Returns a block of `bytes` aligned to `alignment`, or null when memory
// has run out or the size cannot be rounded up to the alignment.
void* TryAllocateAligned(size_t bytes, std::align_val_t alignment) {
  // Emscripten's aligned_alloc takes only multiples of the pointer size,
  // and a size that is a multiple of the alignment.
  const size_t align = std::max(static_cast<size_t>(alignment), sizeof(void*));
  if (bytes > SIZE_MAX - (align - 1)) return nullptr;
  const size_t rounded =
      bytes == 0 ? align : (bytes + align - 1) / align * align;
  return RetryWithNewHandler(
      [align, rounded] { return std::aligned_alloc(align, rounded); });
}

// Returns the block, or ends the program when it is null. The module is
// built without exceptions, so there is no bad_alloc to throw; libc++'s
// own operator new ends the program there too.
void* OrAbort(void* block) {
  if (block == nullptr) std::abort();
  return block;
}

void Release(void* block) {
  const size_t index = ChunkOf(block);
  if (index == kChunkCount) {
    std::free(block);  // null included
    return;
  }
  Chunk& chunk = chunks[index];
  if (--chunk.live == 0) chunk.used = 0;
}

}  // namespace

void CallArena::Open() { open = true; }
void CallArena::Close() { open = false; }
bool CallArena::Holds(const void* block) {
  return ChunkOf(block) != kChunkCount;
}
size_t CallArena::UsedBytes() {
  size_t bytes = 0;
  for (const Chunk& chunk : chunks) bytes += chunk.used;
  return bytes;
}
size_t CallArena::LiveBlocks() {
  size_t blocks = 0;
  for (const Chunk& chunk : chunks) blocks += chunk.live;
  return blocks;
}

}  // namespace segform::wasm

using segform::wasm::OrAbort;
using segform::wasm::Release;
using segform::wasm::TryAllocate;
using segform::wasm::TryAllocateAligned;

// Kept out of line: inlined at each of the hundreds of places that
// allocate, the region's code made the module a fifth larger.
#define SEGFORM_OUT_OF_LINE __attribute__((noinline))

SEGFORM_OUT_OF_LINE void* operator new(size_t bytes) {
  return OrAbort(TryAllocate(bytes));
}
SEGFORM_OUT_OF_LINE void* operator new[](size_t bytes) {
  return OrAbort(TryAllocate(bytes));
}
SEGFORM_OUT_OF_LINE void* operator new(size_t bytes,
                                       const std::nothrow_t&) noexcept {
  return TryAllocate(bytes);
}
SEGFORM_OUT_OF_LINE void* operator new[](size_t bytes,
                                         const std::nothrow_t&) noexcept {
  return TryAllocate(bytes);
}
SEGFORM_OUT_OF_LINE void operator delete(void* block) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete[](void* block) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete(void* block, size_t) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete[](void* block, size_t) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete(void* block,
                                         const std::nothrow_t&) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete[](void* block,
                                           const std::nothrow_t&) noexcept {
  Release(block);
}

// Over-aligned blocks never come from the region; freeing one goes to
// free(), as Release does for any block outside the region.
SEGFORM_OUT_OF_LINE void* operator new(size_t bytes,
                                       std::align_val_t alignment) {
  return OrAbort(TryAllocateAligned(bytes, alignment));
}
SEGFORM_OUT_OF_LINE void* operator new[](size_t bytes,
                                         std::align_val_t alignment) {
  return OrAbort(TryAllocateAligned(bytes, alignment));
}
SEGFORM_OUT_OF_LINE void operator delete(void* block,
                                         std::align_val_t) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete[](void* block,
                                           std::align_val_t) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete(void* block, size_t,
                                         std::align_val_t) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete[](void* block, size_t,
                                           std::align_val_t) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void* operator new(size_t bytes, std::align_val_t alignment,
                                       const std::nothrow_t&) noexcept {
  return TryAllocateAligned(bytes, alignment);
}
SEGFORM_OUT_OF_LINE void* operator new[](size_t bytes,
                                         std::align_val_t alignment,
                                         const std::nothrow_t&) noexcept {
  return TryAllocateAligned(bytes, alignment);
}
SEGFORM_OUT_OF_LINE void operator delete(void* block, std::align_val_t,
                                         const std::nothrow_t&) noexcept {
  Release(block);
}
SEGFORM_OUT_OF_LINE void operator delete[](void* block, std::align_val_t,
                                           const std::nothrow_t&) noexcept {
  Release(block);
}
