// Fuzz target: the incremental document under a random edit sequence.
//
// Input layout: byte 0 chooses the run — its value modulo 6 is the target version (3.8 …
// 3.13), bit 7 analyses as a plain module. Then the initial text: one length byte n, then
// n * 4 bytes of text (fewer when the input ends). Then edits until the input ends, each:
//   op     one byte: bits 0-1 how `replacement` is chosen (0: the next r bytes of the input,
//          r = the next byte % 64; 1: a Python fragment from the table below; 2: nothing — a
//          deletion; 3: a single byte), bit 2 set: compare with a fresh analysis now (else the
//          edit is batched with the next), bits 3-7 unused
//   begin  two bytes, little endian, scaled onto [0, size + 2] (past the end is clamped)
//   length one byte: end = begin + length (past the end is clamped; begin > end is allowed by
//          the API and tried when the op's bit 3 is set: end = begin - length)
// After the last edit the result is compared once more.
//
// Checked: no crash, hang or sanitizer report; after every compared step the document's
// analysis equals asynclift::analyse_text of the document's text, field by field (verdict,
// sites, diagnostics with ranges and messages, bindings, incomplete, line index); the
// document's text equals the same edits applied to a plain std::string.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "asynclift/document.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace asynclift;

constexpr std::string_view fragments[] = {
    "x = 1\n", "await f()\n", "def f():\n    nonlocal x\n", "async def g():\n    return 1\n",
    "class C:\n    y = await z\n", "[a async for a in b]\n", "global x\n", "(", ")", ":", "\n",
    "    ", "\t", "from __future__ import annotations\n", "y: int = 2\n", "'''", "\"\"\"", "#",
    "\r\n", "\r", "lambda: (yield)\n", "for i in r:\n    break\n", "x", "await", "async ",
    "nonlocal q\n", "import os\n", "print(x)\n", "if x:\n    pass\nelse:\n    continue\n", "\"",
    "\\\n", "f'{", "}'", "match x:\n    case 1:\n        pass\n", "try:\n    pass\nexcept* E:\n    pass\n",
    "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBB\xBF", "\f", "\0", "return\n", "yield x\n",
    "async with a as b:\n    pass\n", "async for i in y:\n    pass\n", "(x := 5)", "del x\n",
    "type X = int\n", "def f[T](): pass\n", "@d\n", "else:\n", "    async def h(): await x\n",
};

class reader {
 public:
  reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::string_view bytes(std::size_t n) {
    n = std::min(n, size_ - at_);
    std::string_view s(reinterpret_cast<const char*>(data_) + at_, n);
    at_ += n;
    return s;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

void compare(document& doc, const analyse_options& options) {
  const analysis& incremental = doc.result();
  fuzz::check_analysis(incremental, options);
  analysis fresh = analyse_text(doc.text(), options);
  ASYNCLIFT_FUZZ_CHECK(fuzz::describe(incremental) == fuzz::describe(fresh),
                       "the document must equal a fresh analysis of its text:\n--- text:\n" + doc.text() +
                           "\n--- document:\n" + fuzz::describe(incremental) + "--- fresh:\n" +
                           fuzz::describe(fresh));
  ASYNCLIFT_FUZZ_CHECK(incremental.source.text() == doc.text(), "the analysis is of the document's text");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  reader in(data, size);
  std::uint8_t head = in.byte();
  analyse_options options;
  options.target = fuzz::version_from(head);
  options.allow_top_level_await = (head & 0x80) == 0;
  std::string shadow(in.bytes(std::size_t{in.byte()} * 4));
  document doc(shadow, options);
  compare(doc, options);
  int edits = 0;
  while (!in.empty() && edits < 200) {
    ++edits;
    std::uint8_t op = in.byte();
    std::uint32_t scaled = in.byte();
    scaled |= static_cast<std::uint32_t>(in.byte()) << 8;
    std::uint32_t length = in.byte();
    const auto text_size = static_cast<std::uint32_t>(shadow.size());
    std::uint32_t begin = static_cast<std::uint32_t>((std::uint64_t{scaled} * (text_size + 3)) >> 16);
    std::uint32_t end = (op & 0x08) && begin >= length ? begin - length : begin + length;
    std::string replacement;
    switch (op & 3) {
      case 0:
        replacement = in.bytes(in.byte() % 64);
        break;
      case 1:
        replacement = fragments[in.byte() % std::size(fragments)];
        break;
      case 2:
        break;
      default:
        replacement = std::string(1, static_cast<char>(in.byte()));
    }
    doc.edit(begin, end, replacement);
    // The documented semantics on a plain string: clamp, and begin > end means an insertion.
    std::uint32_t b = std::min(begin, text_size), e = std::min(end, text_size);
    if (e < b) e = b;
    shadow.replace(b, e - b, replacement);
    ASYNCLIFT_FUZZ_CHECK(doc.text() == shadow, "the document's text after an edit");
    if (op & 0x04) compare(doc, options);
  }
  compare(doc, options);
  return 0;
}
