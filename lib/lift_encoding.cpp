// The inverse of source_text::decode for the lift's output: the lifted text is built in
// UTF-8 and converted back with iconv, so a file with a `# -*- coding: latin-1 -*-` cookie
// stays latin-1 and keeps its cookie. Everything the lift inserts is ASCII or copied from the
// source, so it is representable.
#include "lift_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace asynclift::detail {
namespace {

iconv_t open_encoder(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "latin1" || name == "latin" || name == "l1" || name == "iso-8859-1") name = "ISO-8859-1";
  else if (name == "ascii" || name == "us-ascii" || name == "646") name = "ASCII";
  else if (name == "shift-jis" || name == "shift_jis" || name == "sjis") name = "SHIFT_JIS";
  iconv_t cd = iconv_open(name.c_str(), "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    std::replace(name.begin(), name.end(), '_', '-');
    cd = iconv_open(name.c_str(), "UTF-8");
  }
  return cd;
}

}  // namespace

bool encode_as(std::string& text, const std::string& encoding, std::string& error) {
  if (encoding == "utf-8") return true;
  iconv_t cd = open_encoder(encoding);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    error = "cannot write the lifted code as " + encoding;
    return false;
  }
  std::string out;
  char* src = text.data();
  std::size_t src_left = text.size();
  std::string buf(4096, '\0');
  bool ok = true;
  while (src_left > 0) {
    char* dst = buf.data();
    std::size_t dst_left = buf.size();
    std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buf.data(), buf.size() - dst_left);
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      error = "the lifted code has a character that " + encoding + " cannot represent";
      ok = false;
      break;
    }
  }
  iconv_close(cd);
  if (ok) text = std::move(out);
  return ok;
}

}  // namespace asynclift::detail
