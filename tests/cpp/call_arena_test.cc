// Tests of the WebAssembly module's call arena (cpp/wasm/call_arena.h),
// built natively into a program of its own, since it replaces the global
// operator new and delete. The module's tests under Node run every
// validate() through it; these pin the edges a corpus never reaches. What
// depends on Emscripten's libc is checked in tests/node/call-arena.test.mjs.

#include "call_arena.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace segform::wasm {
namespace {

constexpr size_t kChunkBytes = CallArena::kChunkBytes;
constexpr size_t kChunkCount = CallArena::kChunkCount;

// Opens the window for one test's body and closes it however the body
// ends, so that GoogleTest's own allocations after it use malloc.
class OpenWindow {
 public:
  OpenWindow() { CallArena::Open(); }
  ~OpenWindow() { CallArena::Close(); }
};

// A block of `bytes` allocated through operator new, as a container does.
struct Block {
  explicit Block(size_t bytes) : data(::operator new(bytes)) {}
  ~Block() { ::operator delete(data); }
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;
  void* data;
};

class CallArenaTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(CallArena::LiveBlocks(), 0u)
        << "a test before this one left blocks in the region";
  }
  void TearDown() override { EXPECT_EQ(CallArena::LiveBlocks(), 0u); }
};

TEST_F(CallArenaTest, ClosedWindowUsesMalloc) {
  Block block(64);
  EXPECT_FALSE(CallArena::Holds(block.data));
  EXPECT_EQ(CallArena::UsedBytes(), 0u);
}

TEST_F(CallArenaTest, OpenWindowServesBlocksInOrder) {
  OpenWindow window;
  Block first(10);
  Block second(10);
  EXPECT_TRUE(CallArena::Holds(first.data));
  EXPECT_TRUE(CallArena::Holds(second.data));
  const size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
  EXPECT_EQ(static_cast<char*>(second.data) - static_cast<char*>(first.data),
            static_cast<ptrdiff_t>(alignment));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(first.data) % alignment, 0u);
  EXPECT_EQ(CallArena::LiveBlocks(), 2u);
}

TEST_F(CallArenaTest, ZeroByteBlocksAreDistinct) {
  OpenWindow window;
  Block first(0);
  Block second(0);
  EXPECT_NE(first.data, second.data);
  EXPECT_TRUE(CallArena::Holds(first.data));
}

TEST_F(CallArenaTest, RegionRestartsWhenEmpty) {
  void* first_address = nullptr;
  {
    OpenWindow window;
    Block block(100);
    first_address = block.data;
  }
  EXPECT_EQ(CallArena::UsedBytes(), 0u);
  OpenWindow window;
  Block again(100);
  EXPECT_EQ(again.data, first_address);
}

TEST_F(CallArenaTest, BlockFreedAfterCloseReturns) {
  std::unique_ptr<Block> outliving;
  {
    OpenWindow window;
    outliving = std::make_unique<Block>(200);
  }
  EXPECT_TRUE(CallArena::Holds(outliving->data));
  EXPECT_GT(CallArena::UsedBytes(), 0u);
  outliving.reset();
  EXPECT_EQ(CallArena::UsedBytes(), 0u);
}

TEST_F(CallArenaTest, OversizedBlockUsesMalloc) {
  OpenWindow window;
  Block large(kChunkBytes + 1);
  Block whole_chunk(kChunkBytes);
  EXPECT_FALSE(CallArena::Holds(large.data));
  EXPECT_TRUE(CallArena::Holds(whole_chunk.data));
}

// A block that outlives its call, as a function's static does, keeps its
// chunk. Later calls take blocks from the other chunks, and the region
// never fills up with what they freed.
TEST_F(CallArenaTest, KeptBlockPinsOnlyItsChunk) {
  std::unique_ptr<Block> kept_forever;
  for (int call = 0; call < 1000; ++call) {
    OpenWindow window;
    if (call == 0) kept_forever = std::make_unique<Block>(32);
    std::vector<std::unique_ptr<Block>> blocks;
    for (int i = 0; i < 20; ++i) blocks.push_back(std::make_unique<Block>(500));
    for (const auto& block : blocks) {
      ASSERT_TRUE(CallArena::Holds(block->data)) << "call " << call;
    }
  }
  // The kept Block and its bytes.
  EXPECT_EQ(CallArena::LiveBlocks(), 2u);
  EXPECT_LE(CallArena::UsedBytes(), kChunkBytes);
  kept_forever.reset();
}

TEST_F(CallArenaTest, FullRegionFallsBackToMalloc) {
  // Plain operator new calls on a stack array, so that nothing but the
  // blocks themselves takes room in the region.
  void* whole_chunks[kChunkCount];
  CallArena::Open();
  for (size_t i = 0; i < kChunkCount; ++i) {
    whole_chunks[i] = ::operator new(kChunkBytes);
  }
  void* overflow = ::operator new(16);
  // Freeing one chunk's block makes that chunk usable again.
  ::operator delete(whole_chunks[3]);
  void* reused = ::operator new(16);
  CallArena::Close();

  for (size_t i = 0; i < kChunkCount; ++i) {
    EXPECT_TRUE(CallArena::Holds(whole_chunks[i])) << "chunk " << i;
  }
  EXPECT_FALSE(CallArena::Holds(overflow));
  EXPECT_EQ(reused, whole_chunks[3]);
  ::operator delete(overflow);
  ::operator delete(reused);
  for (size_t i = 0; i < kChunkCount; ++i) {
    if (i != 3) ::operator delete(whole_chunks[i]);
  }
}

TEST_F(CallArenaTest, BlocksStayAligned) {
  const size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
  OpenWindow window;
  Block odd(alignment + 8);
  Block next(1);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(next.data) % alignment, 0u);
  EXPECT_EQ(static_cast<char*>(next.data) - static_cast<char*>(odd.data),
            static_cast<ptrdiff_t>(2 * alignment));
}

TEST_F(CallArenaTest, RegionEndIsExclusive) {
  void* whole_chunks[kChunkCount];
  CallArena::Open();
  for (void*& block : whole_chunks) block = ::operator new(kChunkBytes);
  CallArena::Close();
  char* last = static_cast<char*>(whole_chunks[0]);
  for (void* block : whole_chunks)
    last = std::max(last, static_cast<char*>(block));
  EXPECT_TRUE(CallArena::Holds(last + kChunkBytes - 1));
  EXPECT_FALSE(CallArena::Holds(last + kChunkBytes));
  for (void* block : whole_chunks) ::operator delete(block);
}

// A chunk left behind while its blocks were still in use is taken again
// once they are all freed, even though another chunk is current.
TEST_F(CallArenaTest, EmptiedChunkIsReused) {
  CallArena::Open();
  void* first = ::operator new(kChunkBytes - 64);
  void* second = ::operator new(kChunkBytes - 64);
  ::operator delete(first);
  void* blocks_after[kChunkCount];
  for (void*& block : blocks_after) block = ::operator new(kChunkBytes - 64);
  CallArena::Close();

  EXPECT_NE(first, second);
  size_t in_region = 0;
  bool first_taken_again = false;
  for (void* block : blocks_after) {
    in_region += CallArena::Holds(block) ? 1 : 0;
    first_taken_again = first_taken_again || block == first;
  }
  // Every chunk but the second's: the first's among them.
  EXPECT_EQ(in_region, kChunkCount - 1);
  EXPECT_TRUE(first_taken_again);
  ::operator delete(second);
  for (void* block : blocks_after) ::operator delete(block);
}

// SIZE_MAX, read at run time, so that the compiler does not warn about the
// sizes of the calls below.
volatile size_t largest_size = SIZE_MAX;

TEST_F(CallArenaTest, NothrowNewFailsWithNull) {
  EXPECT_EQ(::operator new(largest_size, std::nothrow), nullptr);
  EXPECT_EQ(::operator new[](largest_size, std::nothrow), nullptr);
  OpenWindow window;
  EXPECT_EQ(::operator new(largest_size, std::nothrow), nullptr);
}

TEST_F(CallArenaTest, AlignedRoundingOverflowFails) {
  const auto alignment = static_cast<std::align_val_t>(64);
  EXPECT_EQ(::operator new(largest_size - 15, alignment, std::nothrow),
            nullptr);
  EXPECT_EQ(::operator new[](largest_size, alignment, std::nothrow), nullptr);
}

TEST_F(CallArenaTest, SmallAlignmentIsServed) {
  void* block = ::operator new(8, static_cast<std::align_val_t>(2));
  ASSERT_NE(block, nullptr);
  EXPECT_FALSE(CallArena::Holds(block));
  ::operator delete(block, static_cast<std::align_val_t>(2));
}

int new_handler_calls = 0;

TEST_F(CallArenaTest, NewHandlerRunsBeforeFailure) {
  new_handler_calls = 0;
  // The handler gives up after its first call by removing itself.
  std::set_new_handler([] {
    ++new_handler_calls;
    std::set_new_handler(nullptr);
  });
  EXPECT_EQ(::operator new(largest_size, std::nothrow), nullptr);
  EXPECT_EQ(new_handler_calls, 1);
  EXPECT_EQ(std::get_new_handler(), nullptr);
}

TEST_F(CallArenaTest, ContainersSpanChunks) {
  OpenWindow window;
  std::vector<std::string> strings;
  for (int i = 0; i < 5000; ++i) {
    strings.push_back("value number " + std::to_string(i) +
                      std::string(static_cast<size_t>(i % 40), 'x'));
  }
  for (int i = 0; i < 5000; i += 977) {
    EXPECT_EQ(strings[static_cast<size_t>(i)].substr(0, 13), "value number ");
    EXPECT_EQ(strings[static_cast<size_t>(i)].size(),
              13 + std::to_string(i).size() + static_cast<size_t>(i % 40));
  }
}

TEST_F(CallArenaTest, OverAlignedBlocksUseMalloc) {
  struct alignas(64) Wide {
    char bytes[64];
  };
  OpenWindow window;
  auto wide = std::make_unique<Wide>();
  EXPECT_FALSE(CallArena::Holds(wide.get()));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(wide.get()) % 64, 0u);
}

}  // namespace
}  // namespace segform::wasm
