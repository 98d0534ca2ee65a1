// Memory for one validate() call of the WebAssembly module, taken from one
// region by moving a pointer instead of from malloc. A call on a corpus
// input allocates about 25 blocks (keys, messages, findings), and every one
// is freed once its result is encoded. Taking them from the region made
// validate() about 8 % faster in Node on the benchmark's corpus.
//
// The module replaces the global operator new and delete (call_arena.cc).
// Between Open() and Close(), operator new serves blocks from the region
// while they fit, and from malloc after. Outside that window, and for
// over-aligned types, it uses malloc alone. operator delete tells the two
// apart by address. The region is cut into chunks, and a chunk starts over
// when its last block is freed. A block that outlives its call, such as a
// function's static, keeps its chunk from being reused, which costs room
// but never correctness.
#ifndef SEGFORM_WASM_CALL_ARENA_H_
#define SEGFORM_WASM_CALL_ARENA_H_

#include <cstddef>

namespace segform::wasm {

class CallArena {
 public:
  // Starts and ends the window in which operator new serves the region.
  static void Open();
  static void Close();

  // For tests: whether a block came from the region, the bytes of the
  // region taken, and the blocks in it not yet freed.
  static bool Holds(const void* block);
  static size_t UsedBytes();
  static size_t LiveBlocks();

  // The region's shape: kChunkCount chunks of kChunkBytes each.
  static constexpr size_t kChunkBytes = 16 * 1024;
  static constexpr size_t kChunkCount = 8;
};

}  // namespace segform::wasm

#endif  // SEGFORM_WASM_CALL_ARENA_H_
