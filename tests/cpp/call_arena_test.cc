// Tests of the WebAssembly module's call arena (cpp/wasm/call_arena.h),
// built natively into a program of its own, since it replaces the global
// operator new and delete. The module's tests under Node run every
// validate() through it; these pin the edges a corpus never reaches.

#include "call_arena.h"

#include <gtest/gtest.h>

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

TEST_F(CallArenaTest, OutsideTheWindowBlocksComeFromMalloc) {
  Block block(64);
  EXPECT_FALSE(CallArena::Holds(block.data));
  EXPECT_EQ(CallArena::UsedBytes(), 0u);
}

TEST_F(CallArenaTest, InsideTheWindowBlocksComeFromTheRegionInOrder) {
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

TEST_F(CallArenaTest, ZeroByteBlocksHaveAddressesOfTheirOwn) {
  OpenWindow window;
  Block first(0);
  Block second(0);
  EXPECT_NE(first.data, second.data);
  EXPECT_TRUE(CallArena::Holds(first.data));
}

TEST_F(CallArenaTest, TheRegionStartsOverOnceEveryBlockIsFreed) {
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

TEST_F(CallArenaTest, BlocksFreedAfterTheWindowClosesGoBackToTheRegion) {
  std::unique_ptr<Block> kept;
  {
    OpenWindow window;
    kept = std::make_unique<Block>(200);
  }
  EXPECT_TRUE(CallArena::Holds(kept->data));
  EXPECT_GT(CallArena::UsedBytes(), 0u);
  kept.reset();
  EXPECT_EQ(CallArena::UsedBytes(), 0u);
}

TEST_F(CallArenaTest, ABlockLargerThanAChunkComesFromMalloc) {
  OpenWindow window;
  Block large(kChunkBytes + 1);
  Block whole_chunk(kChunkBytes);
  EXPECT_FALSE(CallArena::Holds(large.data));
  EXPECT_TRUE(CallArena::Holds(whole_chunk.data));
}

// A block that outlives its call, as a function's static does, keeps its
// chunk. Later calls take blocks from the other chunks, and the region
// never fills up with what they freed.
TEST_F(CallArenaTest, ABlockKeptForeverHoldsOnlyItsChunk) {
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

TEST_F(CallArenaTest, WhenEveryChunkIsTakenBlocksComeFromMalloc) {
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

TEST_F(CallArenaTest, ContainersWorkAcrossChunks) {
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

TEST_F(CallArenaTest, OverAlignedBlocksComeFromMalloc) {
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
