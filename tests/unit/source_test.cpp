// source_text: bytes decoded as CPython's tokenizer reads a file (UTF-8 BOM, PEP 263 coding
// cookies, UTF-8 by default), and the line index that turns byte offsets into 1-based lines
// and code-point columns. Every expectation marked "CPython" was checked with
// tests/oracle/probe.py against CPython 3.8–3.13.
#include <gtest/gtest.h>

#include <string>

#include "asynclift/source.hpp"
#include "test_support.hpp"

using asynclift::location;
using asynclift::decode_place;
using asynclift::source_text;

namespace {

std::uint32_t offset_of(const source_text& s, std::string_view needle) {
  auto pos = s.text().find(needle);
  EXPECT_NE(std::string::npos, pos) << "'" << needle << "' not in the text";
  return static_cast<std::uint32_t>(pos);
}

}  // namespace

// --- UTF-8, the default ------------------------------------------------------------------

TEST(SourceDecodeTest, PlainUtf8IsKeptAsIs) {
  auto s = source_text::decode("x = 'é'\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ("x = 'é'\n", s.text());
  EXPECT_EQ("utf-8", s.encoding());
  EXPECT_FALSE(s.had_bom());
  EXPECT_EQ(0u, s.bom_size());
}

TEST(SourceDecodeTest, EmptyInputIsValid) {
  auto s = source_text::decode("");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ("", s.text());
  EXPECT_EQ(1u, s.line_count());
}

TEST(SourceDecodeTest, Utf8BomIsStrippedAndRemembered) {
  auto s = source_text::decode("\xEF\xBB\xBFreturn 1\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ("return 1\n", s.text());
  EXPECT_TRUE(s.had_bom());
  EXPECT_EQ(3u, s.bom_size());
  EXPECT_EQ("utf-8", s.encoding());
  // CPython: 'return' outside function at 1:1 -- the BOM does not move columns.
  EXPECT_EQ((location{1, 1}), s.locate(0));
}

TEST(SourceDecodeTest, BomWithUtf8CookieIsAccepted) {
  // CPython: ok.
  auto s = source_text::decode("\xEF\xBB\xBF# coding: utf-8\nx = 1\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ("utf-8", s.encoding());
  EXPECT_TRUE(s.had_bom());
}

TEST(SourceDecodeTest, BomWithOtherCookieIsAnEncodingProblem) {
  // CPython: SyntaxError "encoding problem: iso-8859-1 with BOM" (the normalised name).
  auto s = source_text::decode("\xEF\xBB\xBF# -*- coding: latin-1 -*-\nx = 1\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ("encoding problem: iso-8859-1 with BOM", s.error().message);
  EXPECT_EQ("", s.text());
}

TEST(SourceDecodeTest, BomWithCookieOnLineTwoIsAnEncodingProblem) {
  // CPython: "encoding problem: iso-8859-1 with BOM".
  auto s = source_text::decode("\xEF\xBB\xBF#!/usr/bin/python\n# coding: latin-1\nx=1\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ("encoding problem: iso-8859-1 with BOM", s.error().message);
}

// --- PEP 263 cookies ---------------------------------------------------------------------

TEST(SourceDecodeTest, CookieOnLineOneDecodesLatin1) {
  auto s = source_text::decode("# -*- coding: latin-1 -*-\nname = '\xE9t\xE9'\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ("iso-8859-1", s.encoding());
  EXPECT_EQ("# -*- coding: latin-1 -*-\nname = '\xC3\xA9t\xC3\xA9'\n", s.text());
}

TEST(SourceDecodeTest, VimStyleCookieIsRecognised) {
  // CPython: ok (the cookie regex only needs `coding[:=]` in a comment).
  auto s = source_text::decode("# vim: set fileencoding=latin-1 :\ny = '\xE9'\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ("iso-8859-1", s.encoding());
  EXPECT_EQ("# vim: set fileencoding=latin-1 :\ny = '\xC3\xA9'\n", s.text());
}

TEST(SourceDecodeTest, CookieOnLineTwoAfterACommentLine) {
  // CPython: ok.
  auto s = source_text::decode("#!/usr/bin/env python\n# coding: latin-1\nx = '\xE9'\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ("iso-8859-1", s.encoding());
  EXPECT_EQ("x = '\xC3\xA9'", s.line_text(3));
}

TEST(SourceDecodeTest, CookieOnLineTwoAfterABlankLine) {
  // CPython: ok ('return' outside function at line 4, so the file decoded).
  auto s = source_text::decode("\n# coding: latin-1\ny = '\xE9'\nreturn\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ("iso-8859-1", s.encoding());
}

TEST(SourceDecodeTest, CookieAfterCodeIsIgnored) {
  // CPython: the file is read as UTF-8 and the latin-1 byte on line 3 is an error.
  auto s = source_text::decode("x = 1\n# coding: latin-1\ny = '\xE9'\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(3u, s.error().line);
}

TEST(SourceDecodeTest, CookieOnLineThreeIsIgnored) {
  // CPython: UTF-8 decoding error on line 4.
  auto s = source_text::decode("#!/usr/bin/env python\n\n# coding: latin-1\ny = '\xE9'\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(4u, s.error().line);
}

TEST(SourceDecodeTest, EncodingNamesAreNormalisedAsCPythonDoes) {
  // CPython's get_normal_name: latin_1 / iso_8859_1 / utf_8 and their -suffix forms.
  EXPECT_EQ("iso-8859-1", source_text::decode("# coding: latin_1\nx = 1\n").encoding());
  EXPECT_EQ("iso-8859-1", source_text::decode("# coding: ISO-8859-1\nx = 1\n").encoding());
  EXPECT_EQ("utf-8", source_text::decode("# coding: UTF_8\nx = 1\n").encoding());
  // CPython: utf-8-sig as a cookie is accepted.
  auto sig = source_text::decode("# coding: utf-8-sig\nreturn\n");
  ASSERT_TRUE(sig.ok()) << sig.error().message;
  EXPECT_EQ("utf-8", sig.encoding());
}

TEST(SourceDecodeTest, OtherCodecsDecode) {
  // CPython: cp1252 and euc-jp files compile ('return' outside function on line 3).
  auto cp = source_text::decode("# coding: cp1252\ns = '\x80'\nreturn\n");
  ASSERT_TRUE(cp.ok()) << cp.error().message;
  EXPECT_EQ("s = '\xE2\x82\xAC'", cp.line_text(2));  // U+20AC EURO SIGN
  auto euc = source_text::decode("# coding: euc-jp\ns = '\xA4\xA2'\n");
  ASSERT_TRUE(euc.ok()) << euc.error().message;
  EXPECT_EQ("s = '\xE3\x81\x82'", euc.line_text(2));  // U+3042 HIRAGANA LETTER A
}

TEST(SourceDecodeTest, UnknownEncoding) {
  // CPython: SyntaxError "unknown encoding: foobar".
  auto s = source_text::decode("# coding: foobar\nx = 1\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ("unknown encoding: foobar", s.error().message);
}

// --- undecodable bytes -------------------------------------------------------------------

TEST(SourceDecodeTest, InvalidUtf8IsAnErrorOnItsLine) {
  // CPython: "(unicode error) 'utf-8' codec can't decode byte 0xff ...: invalid start byte"
  // on line 2.
  auto s = source_text::decode("x = 1\ny = '\xFF'\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(2u, s.error().line);
  EXPECT_EQ(11u, s.error().offset);
  EXPECT_NE(std::string::npos, s.error().message.find("'utf-8' codec can't decode byte 0xff"))
      << s.error().message;
  EXPECT_NE(std::string::npos, s.error().message.find("invalid start byte")) << s.error().message;
  // The text keeps the lines (the bad byte read as '?') so that the error can be shown.
  EXPECT_EQ("x = 1\ny = '?'\n", s.text());
  EXPECT_EQ(decode_place::string, s.error().place);
  EXPECT_EQ(10u, s.error().token_begin);
  EXPECT_EQ(13u, s.error().token_end);
}

TEST(SourceDecodeTest, CodecPositionsCountFromThePieceCPythonDecodes) {
  // A string without escapes is decoded whole; with escapes, each run of non-ASCII bytes alone.
  EXPECT_EQ("(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte",
            source_text::decode("x = 'ab\xFF'\n").error().message);
  EXPECT_EQ("(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
            source_text::decode("x = 'a\\n b\xFF" "c'\n").error().message);
  // A sequence cut short names all its bytes; the token's end is the end of the data.
  EXPECT_EQ("(unicode error) 'utf-8' codec can't decode bytes in position 2-3: unexpected end of data",
            source_text::decode("x = (1,\n  ab\xE2\x82)\n").error().message);
  EXPECT_EQ("(unicode error) 'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte",
            source_text::decode("y = 'a\xE2\x82x'\n").error().message);
  auto name = source_text::decode("x = (1,\n  ab\xE2\x82)\n");
  EXPECT_EQ(decode_place::code, name.error().place);
  EXPECT_EQ(2u, name.error().line);
  // 3.12+ decode an f-string's literal part as it is written, 3.8-3.11 each non-ASCII run.
  auto f = source_text::decode("x = f'a{y}b\xFF'\n");
  EXPECT_EQ(decode_place::fstring_literal, f.error().place);
  EXPECT_EQ("byte 0xff in position 0: invalid start byte", f.error().codec_detail);
  EXPECT_EQ("byte 0xff in position 1: invalid start byte", f.error().codec_detail_312);
}

TEST(SourceDecodeTest, BadBytesInABytesLiteralAreNotADecodeError) {
  // CPython: "bytes can only contain ASCII literal characters", a syntax error of the literal.
  auto s = source_text::decode("x = b'a\xFF'\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ("x = b'a?'\n", s.text());
  ASSERT_EQ(1u, s.non_ascii_bytes_literals().size());
  EXPECT_EQ(4u, s.non_ascii_bytes_literals()[0].first);
  EXPECT_EQ(9u, s.non_ascii_bytes_literals()[0].second);
}

TEST(SourceDecodeTest, InvalidUtf8OffsetCountsTheBom) {
  auto s = source_text::decode("\xEF\xBB\xBFx = '\xC3'\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(8u, s.error().offset);  // an offset into the original bytes
  // CPython 3.8-3.13: the error is on line 1.
  EXPECT_EQ(1u, s.error().line);
}

TEST(SourceDecodeTest, SurrogatesAndOverlongsAreInvalidUtf8) {
  // Python's UTF-8 codec rejects encoded surrogates and overlong forms.
  EXPECT_FALSE(source_text::decode("x = '\xED\xA0\x80'\n").ok());
  EXPECT_FALSE(source_text::decode("x = '\xC0\xAF'\n").ok());
  EXPECT_FALSE(source_text::decode("x = '\xF4\x90\x80\x80'\n").ok());
  EXPECT_TRUE(source_text::decode("x = '\xF0\x9F\x98\x80'\n").ok());  // U+1F600
}

TEST(SourceDecodeTest, LatinOneByteWithoutCookieIsInvalid) {
  // CPython: UTF-8 decoding error on line 1 for `x = '\xc3'`.
  auto s = source_text::decode("x = '\xC3'\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(1u, s.error().line);
}

// CPython's compile() -- and so importlib -- only decodes what it tokenizes as UTF-8: an
// undecodable byte inside a comment is accepted (`python3.X -c "compile(open(p,'rb').read(),
// p, 'exec')"` gives only "'return' outside function" @2:1 for every version 3.8-3.13), while
// running the file as a script (`python file.py`) rejects it.
TEST(SourceDecodeTest, InvalidUtf8InACommentIsAcceptedByCompile) {
  auto s = source_text::decode("x = 1 # \xFF\nreturn\n");
  EXPECT_TRUE(s.ok());
}

// --- the line index ----------------------------------------------------------------------

TEST(SourceLinesTest, LinesAndColumnsAreOneBased) {
  auto s = source_text::from_utf8("x = 1\ny = 2\n");
  EXPECT_EQ((location{1, 1}), s.locate(0));
  EXPECT_EQ((location{1, 5}), s.locate(4));
  EXPECT_EQ((location{2, 1}), s.locate(6));
  EXPECT_EQ((location{2, 5}), s.locate(10));
  EXPECT_EQ(2u, s.line_of(6));
  EXPECT_EQ(6u, s.line_start(2));
  EXPECT_EQ("y = 2", s.line_text(2));
}

TEST(SourceLinesTest, FinalLineWithoutNewlineCounts) {
  auto s = source_text::from_utf8("a\nb");
  EXPECT_EQ(2u, s.line_count());
  EXPECT_EQ("b", s.line_text(2));
}

TEST(SourceLinesTest, CrLfEndsALine) {
  // CPython: "no binding for nonlocal 'x' found" at 3:5 for this file.
  auto s = source_text::decode("x = 1\r\ndef f():\r\n    nonlocal x\r\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((location{3, 5}), s.locate(offset_of(s, "nonlocal")));
  EXPECT_EQ("def f():", s.line_text(2));
  EXPECT_EQ("    nonlocal x", s.line_text(3));
}

TEST(SourceLinesTest, LoneCrEndsALine) {
  // CPython: "no binding for nonlocal 'x' found" at 3:5 for this file.
  auto s = source_text::decode("x = 1\rdef f():\r    nonlocal x\r");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((location{3, 5}), s.locate(offset_of(s, "nonlocal")));
  EXPECT_EQ("def f():", s.line_text(2));
}

TEST(SourceLinesTest, MixedLineEndings) {
  auto s = source_text::from_utf8("a\r\n\rb\nc");
  EXPECT_EQ(4u, s.line_count());
  EXPECT_EQ("a", s.line_text(1));
  EXPECT_EQ("", s.line_text(2));
  EXPECT_EQ("b", s.line_text(3));
  EXPECT_EQ("c", s.line_text(4));
  EXPECT_EQ((location{4, 1}), s.locate(offset_of(s, "c")));
}

TEST(SourceLinesTest, ColumnsCountCodePoints) {
  // 'return' starts at byte 14 but code point 12 (SPEC: columns count code points).
  auto s = source_text::from_utf8("s = '\xC3\xA9\xC3\xA9\xC3\xA9'; return 1\n");
  EXPECT_EQ((location{1, 12}), s.locate(offset_of(s, "return")));
  // Three- and four-byte sequences count once as well.
  auto wide = source_text::from_utf8("'\xE2\x82\xAC\xF0\x9F\x98\x80' + x");
  EXPECT_EQ((location{1, 4}), wide.locate(8));  // the closing quote
  EXPECT_EQ((location{1, 8}), wide.locate(offset_of(wide, "x")));
}

TEST(SourceLinesTest, TabsCountAsOneColumn) {
  auto s = source_text::from_utf8("if x:\n\treturn\n");
  EXPECT_EQ((location{2, 2}), s.locate(offset_of(s, "return")));
}

TEST(SourceLinesTest, OffsetsPastTheEndClamp) {
  auto s = source_text::from_utf8("ab\ncd");
  EXPECT_EQ((location{2, 3}), s.locate(5));
  EXPECT_EQ((location{2, 3}), s.locate(1000));
}

TEST(SourceLinesTest, FromUtf8DoesNoBomOrCookieHandling) {
  auto s = source_text::from_utf8("# coding: latin-1\nx = '\xC3\xA9'\n");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ("utf-8", s.encoding());
  EXPECT_EQ("x = '\xC3\xA9'", s.line_text(2));
}
