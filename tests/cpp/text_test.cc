// The text helpers that messages are built with (Format, Quoted,
// QuoteForMessage, WithThousands), the scanner's eight-bytes-at-a-time string
// skip (PlainStringLength), the ASCII check before UTF-16 offsets are converted
// (IsAsciiBefore) and the inline byte comparison of name lookups
// (SameBytes).

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "internal.h"

namespace segform::internal {
namespace {

TEST(Format, FillsHolesInOrder) {
  EXPECT_EQ(Format("{} must be between {} and {}", {"budget", "1", "2"}),
            "budget must be between 1 and 2");
}

TEST(Format, KeepsBracesInValues) {
  EXPECT_EQ(Format("got {}", {"{}"}), "got {}");
}

TEST(Format, MarksHolesWithoutValues) {
  EXPECT_EQ(Format("{} and {}", {"one"}), "one and {missing}");
}

// A quoted hole gives what QuoteForMessage returns, for plain text, escapes,
// invalid bytes and text past the 40 characters shown.
TEST(Format, QuotesQuotedValuesAsQuoteForMessage) {
  for (const std::string value :
       {std::string(), std::string("seg_model"), std::string("a\"b\\c\n"),
        std::string("\xFF\xC3"), std::string(60, 'x'),
        std::string(39, 'x') + "\u00e9\u00e9"}) {
    EXPECT_EQ(Format("got {} and {}", {Quoted(value), "plain"}),
              "got " + QuoteForMessage(value) + " and plain")
        << value;
  }
}

TEST(Format, CopiesPatternWithoutHoles) {
  EXPECT_EQ(Format("no holes", {"unused"}), "no holes");
}

TEST(WithThousands, GroupsNumbersByThree) {
  EXPECT_EQ(WithThousands(int64_t{0}), "0");
  EXPECT_EQ(WithThousands(int64_t{999}), "999");
  EXPECT_EQ(WithThousands(int64_t{1000}), "1,000");
  EXPECT_EQ(WithThousands(int64_t{192000}), "192,000");
  EXPECT_EQ(WithThousands(int64_t{2000000}), "2,000,000");
  EXPECT_EQ(WithThousands(int64_t{-5}), "-5");
  EXPECT_EQ(WithThousands(int64_t{-1000}), "-1,000");
  EXPECT_EQ(WithThousands(std::numeric_limits<int64_t>::max()),
            "9,223,372,036,854,775,807");
  EXPECT_EQ(WithThousands(std::numeric_limits<int64_t>::min()),
            "-9,223,372,036,854,775,808");
}

TEST(WithThousands, GroupsDigitsGivenAsText) {
  EXPECT_EQ(WithThousands(""), "");
  EXPECT_EQ(WithThousands("7"), "7");
  EXPECT_EQ(WithThousands("192000"), "192,000");
  EXPECT_EQ(WithThousands("-100000"), "-100,000");
  EXPECT_EQ(WithThousands("-100"), "-100");
  EXPECT_EQ(WithThousands("18446744073709551616"),
            "18,446,744,073,709,551,616");
}

TEST(QuoteForMessage, QuotesPlainText) {
  EXPECT_EQ(QuoteForMessage("modelType"), "\"modelType\"");
}

TEST(QuoteForMessage, KeepsTextAtTheLimit) {
  const std::string forty(40, 'a');
  EXPECT_EQ(QuoteForMessage(forty), "\"" + forty + "\"");
}

TEST(QuoteForMessage, CutsTextPastTheLimit) {
  const std::string forty_one(41, 'a');
  EXPECT_EQ(QuoteForMessage(forty_one), "\"" + std::string(40, 'a') + "...\"");
}

TEST(QuoteForMessage, CutsRunAfterEscape) {
  // The escaped quote counts as the two characters it is written with, so
  // one of "cdef" fits.
  EXPECT_EQ(QuoteForMessage("ab\"cdef", 5), "\"ab\\\"c...\"");
  // Escapes of any kind count so, and the quote stays within the limit.
  for (const std::string text :
       {std::string(60, '"'), std::string(60, '\\'), std::string(60, '\x80'),
        std::string(60, '\x01')}) {
    const std::string quoted = QuoteForMessage(text);
    EXPECT_LE(quoted.size(), 40u + 5u) << quoted;
  }
}

TEST(QuoteForMessage, EscapesControlsAndInvalidBytes) {
  EXPECT_EQ(QuoteForMessage(std::string("a\x01"
                                        "b\xFF",
                                        4)),
            "\"a\\u0001b\\xFF\"");
}

TEST(QuoteForMessage, EscapesInvisibleCharacters) {
  // A variation selector, a tag character and the Mongolian vowel separator.
  EXPECT_EQ(QuoteForMessage("a\xEF\xB8\x8F"
                            "b\xF3\xA0\x81\x81"
                            "c\xE1\xA0\x8E"),
            "\"a\\uFE0Fb\\u{E0041}c\\u180E\"");
}

TEST(QuoteForMessage, CutsBeforeEscapeThatDoesNotFit) {
  EXPECT_EQ(QuoteForMessage("abc\x01", 5), "\"abc...\"");
}

TEST(PlainStringLength, StopsAtEachSpecialByteAnywhere) {
  // Each position up to 20 puts the byte inside or after a full eight-byte
  // word, and at either end of one.
  for (const char special : {'"', '\\', '\0', '\x1F', '\n'}) {
    for (size_t position = 0; position <= 20; ++position) {
      const std::string text =
          std::string(position, 'a') + special + std::string(10, 'b');
      EXPECT_EQ(PlainStringLength(text), position)
          << "byte " << static_cast<int>(special) << " at " << position;
    }
  }
}

// The word scan finds the first special byte by its bit in a mask. A borrow
// can also mark the byte after a match, so here the byte one above each
// special byte follows it, and so does a second special byte.
TEST(PlainStringLength, FindsFirstOfNeighbouringSpecialBytes) {
  for (const std::string pair :
       {std::string("\"#"), std::string("\\]"), std::string("\x1F "),
        std::string("\0\x01", 2), std::string("\"\\"), std::string("\n\"")}) {
    for (size_t position = 0; position <= 20; ++position) {
      const std::string text =
          std::string(position, 'a') + pair + std::string(10, 'b');
      EXPECT_EQ(PlainStringLength(text), position) << position;
    }
  }
}

// Each byte a message escapes, and DEL, ends the run at every position,
// with the byte one above it right after.
TEST(ShownAsIsLength, StopsAtEachEscapedByteAnywhere) {
  for (const std::string stop :
       {std::string("\"#"), std::string("\\]"), std::string("\x1F "),
        std::string("\0\x01", 2), std::string("\x7F\x80"),
        std::string("\xC3\xA9"), std::string("\n")}) {
    for (size_t position = 0; position <= 20; ++position) {
      const std::string text =
          std::string(position, 'a') + stop + std::string(10, 'b');
      EXPECT_EQ(ShownAsIsLength(text), position) << position;
    }
  }
  EXPECT_EQ(ShownAsIsLength(" ~!azAZ09{}"), 11u);
}

// A stop among the bytes after the last whole word, down to the very last
// byte, ends each scan too.
TEST(WordScans, StopInTheLastBytes) {
  for (size_t position = 0; position <= 20; ++position) {
    const std::string prefix(position, 'a');
    EXPECT_EQ(PlainStringLength(prefix + '"'), position) << position;
    EXPECT_EQ(ShownAsIsLength(prefix + '\x7F'), position) << position;
    EXPECT_EQ(AsciiPrefixLength(prefix + '\xC3'), position) << position;
    EXPECT_EQ(PlainStringLength(prefix + "a\n"), position + 1) << position;
  }
}

// The same scan finds the first byte with its high bit set.
TEST(AsciiPrefixLength, StopsAtFirstNonAsciiByte) {
  for (size_t position = 0; position <= 20; ++position) {
    const std::string text =
        std::string(position, 'a') + "\xC3\xA9\xFF" + std::string(10, 'b');
    EXPECT_EQ(AsciiPrefixLength(text), position) << position;
  }
  EXPECT_EQ(AsciiPrefixLength(std::string(20, 'a')), 20u);
}

TEST(PlainStringLength, TakesSpacesDeleteAndNonAscii) {
  const std::string text = "  \x7F\xC3\xA9 word \xE2\x80\x8B tail ";
  EXPECT_EQ(PlainStringLength(text), text.size());
}

TEST(IsAsciiBefore, StopsAtFirstNonAsciiByte) {
  const std::string text = "ab\xC3\xA9";  // "abé"
  EXPECT_TRUE(IsAsciiBefore(text, 2));
  EXPECT_FALSE(IsAsciiBefore(text, 3));
}

TEST(IsAsciiBefore, ClampsOffsetToText) {
  EXPECT_TRUE(IsAsciiBefore("abc", 100));
  EXPECT_FALSE(IsAsciiBefore("ab\xC3\xA9", 100));
}

// Every length up to three words, and a difference at every position: the
// word steps and the byte tail must both look at every byte.
TEST(SameBytes, FindsADifferenceAtEveryPosition) {
  for (size_t length = 0; length <= 24; ++length) {
    const std::string a(length, 'x');
    std::string b = a;
    EXPECT_TRUE(SameBytes(a, b)) << length;
    for (size_t at = 0; at < length; ++at) {
      b[at] = 'y';
      EXPECT_FALSE(SameBytes(a, b)) << length << " " << at;
      b[at] = 'x';
    }
    EXPECT_FALSE(SameBytes(a, a + "x")) << length;
  }
}

}  // namespace
}  // namespace segform::internal
