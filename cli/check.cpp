#include "check.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>

#include "inputs.hpp"

namespace asynclift::cli {

int run_check(const check_options& o) {
  discovery_options d{o.excludes, o.force_exclude};
  std::vector<input> inputs = discover(o.paths, d);
  std::vector<file_report> reports(inputs.size());
  bool unreadable = false;

  // Standard input is read up front, on this thread.
  std::vector<std::string> stdin_data(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    reports[i].path = inputs[i].from_stdin && !o.stdin_filename.empty() ? o.stdin_filename : inputs[i].path;
    if (inputs[i].from_stdin) {
      std::string error;
      auto data = read_input(inputs[i], error);
      if (data) stdin_data[i] = std::move(*data);
      else {
        reports[i].readable = false;
        reports[i].read_error = error;
      }
    }
  }

  analyse_options ao;
  ao.target = o.report.target;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    analyser an;
    for (std::size_t i = next++; i < inputs.size(); i = next++) {
      file_report& r = reports[i];
      if (!r.readable) continue;
      std::string bytes;
      if (inputs[i].from_stdin) {
        bytes = std::move(stdin_data[i]);
      } else {
        std::string error;
        auto data = read_input(inputs[i], error);
        if (!data) {
          r.readable = false;
          r.read_error = "cannot read " + inputs[i].path + ": " + error;
          continue;
        }
        bytes = std::move(*data);
      }
      r.result = an.analyse_bytes(bytes, ao);
      if (!r.result.source.ok()) {
        r.readable = false;
        r.read_error = r.result.source.error().message;
      }
    }
  };
  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, inputs.size())));
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned j = 0; j < jobs; ++j) pool.emplace_back(work);
    for (std::thread& t : pool) t.join();
  }

  for (const file_report& r : reports)
    if (!r.readable) {
      unreadable = true;
      std::cerr << "asynclift: " << r.path << ": " << r.read_error << '\n';
    }

  std::size_t findings;
  if (!o.output_file.empty()) {
    std::ofstream out(o.output_file, std::ios::binary);
    if (!out) {
      std::cerr << "asynclift: cannot write " << o.output_file << '\n';
      return 2;
    }
    findings = write_report(out, reports, o.report);
  } else {
    findings = write_report(std::cout, reports, o.report);
  }
  if (unreadable) return 2;
  return findings ? 1 : 0;
}

}  // namespace asynclift::cli
