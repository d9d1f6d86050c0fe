// The floor for lint: the time libpg_query alone needs to parse every file of a directory, on one
// core, reading the files first. Prints the seconds taken and the number of statements.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <cstring>
#include <string>
#include <vector>

#include <pg_query.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_bare_parse DIR\n");
    return 2;
  }
  std::vector<std::string> texts;
  for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(e.path());
    std::stringstream s;
    s << in.rdbuf();
    texts.push_back(s.str());
  }
  auto t0 = std::chrono::steady_clock::now();
  long statements = 0;
  for (const auto& t : texts) {
    PgQueryParseResult r = pg_query_parse(t.c_str());
    if (r.error) {
      std::fprintf(stderr, "parse error: %s\n", r.error->message);
      return 1;
    }
    for (const char* p = r.parse_tree; (p = std::strstr(p, "\"stmt\":")); ++p) ++statements;
    pg_query_free_parse_result(r);
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%.4f %ld\n", s, statements);
  return 0;
}
