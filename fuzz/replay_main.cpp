// A main() for the fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput once on every
// file named on the command line (folders are walked recursively, in sorted order). The
// regression inputs in tests/hostile/regressions/ replay through it in every build — the
// ordinary one, the sanitizer builds, any compiler — so a fixed crash stays fixed.
//
//   replay_<target> [--skip=NAME]... FILE_OR_FOLDER...
//        exit 0 when every input ran, 2 on a usage error; a broken invariant aborts (and names
//        the input). --skip leaves out the files of that name (known bugs, replayed on their
//        own by the ctest hostile.known.<bug>).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_OR_FOLDER...\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> inputs;
  std::vector<std::string> skipped;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--skip=", 0) == 0) {
      skipped.push_back(arg.substr(7));
      continue;
    }
    fs::path p(arg);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const fs::directory_entry& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().filename().string()[0] != '.') inputs.push_back(e.path());
    } else if (fs::is_regular_file(p, ec)) {
      inputs.push_back(p);
    } else {
      std::fprintf(stderr, "%s: not a file or folder\n", argv[i]);
      return 2;
    }
  }
  std::erase_if(inputs, [&](const fs::path& p) {
    return std::find(skipped.begin(), skipped.end(), p.filename().string()) != skipped.end();
  });
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& p : inputs) {
    std::ifstream f(p, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay %s (%zu bytes)\n", p.c_str(), data.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  }
  std::printf("%zu inputs replayed without a finding\n", inputs.size());
  return 0;
}
