#include "db/conninfo.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/redact.hpp"
#include "util/text.hpp"

namespace migrate::db {

namespace {

// libpq's own test (fe-connect.c, uri_prefix_length): case-sensitive, at the very start.
bool is_url(std::string_view s) { return s.starts_with("postgresql://") || s.starts_with("postgres://"); }

// libpq's message without what it quotes of the string. Its messages are in English (migrate never
// calls setlocale), and they quote the input in two ways: a URL message ends with `: "` and the whole
// URL or the token it could not decode (a password, often); a key=value message quotes the word it
// stopped at, which may be a piece of an unquoted password. A quoted single character ("=", "]") is
// libpq's own and stays; from any longer quotation on, the message is cut.
std::string reason(std::string_view error) {
  std::string m(util::trim(error.substr(0, error.find('\n'))));
  if (auto colon = m.find(": \""); colon != std::string::npos) m.erase(colon);
  for (std::size_t q = m.find('"'); q != std::string::npos; q = m.find('"', q)) {
    if (q + 2 < m.size() && m[q + 2] == '"') {
      q += 3;
      continue;
    }
    m.erase(q);
    m += "\"...\"";
    break;
  }
  return m;
}

// What to do about a string libpq cannot read, without repeating it.
std::string advice(std::string_view conninfo) {
  if (is_url(conninfo)) return "in a URL, a password's @ / ? # % & = and spaces are written percent-encoded: %40 %2F %3F %23 %25 %26 %3D %20";
  return "in key=value, a value with spaces or quotes goes in single quotes, with a backslash before ' and \\";
}

struct Parsed {
  std::optional<ConnOptions> options;
  std::string problem;
};

Parsed parse(const std::string& conninfo) {
  if (conninfo.find('\0') != std::string::npos) return {std::nullopt, "it contains a NUL byte"};
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    Parsed out{std::nullopt, error ? reason(error) : "out of memory"};
    PQfreemem(error);
    return out;
  }
  ConnOptions out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (o->val) out.push_back({o->keyword, o->val});
  }
  PQconninfoFree(options);
  return {std::move(out), {}};
}

std::optional<std::string> take(ConnOptions& options, std::string_view keyword) {
  auto it = std::find_if(options.begin(), options.end(), [&](const auto& o) { return o.keyword == keyword; });
  if (it == options.end()) return std::nullopt;
  std::string value = std::move(it->value);
  options.erase(it);
  return value;
}

// Keywords whose value is a secret: the login password, and the passphrase of the client key (sslkey).
bool secret(std::string_view keyword) { return keyword == "password" || keyword == "sslpassword"; }

bool has(const ConnOptions& options, std::string_view keyword) {
  return std::any_of(options.begin(), options.end(), [&](const auto& o) { return o.keyword == keyword; });
}

std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// RFC 3986's unreserved characters and `keep` as they are, every other byte as %XX.
std::string percent_encoded(std::string_view value, std::string_view keep = {}) {
  std::string out;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::vector<std::string> split_list(const std::optional<std::string>& value) {
  std::vector<std::string> out;
  if (!value) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = value->find(',', start);
    out.push_back(value->substr(start, comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

// postgresql://user:***@host:port,host2/dbname?keyword=value&...
std::string shown_url(std::string_view scheme, ConnOptions options) {
  auto user = take(options, "user");
  const bool password = take(options, "password").has_value();
  auto host = take(options, "host");
  auto port = take(options, "port");
  auto dbname = take(options, "dbname");
  std::string out(scheme);
  if (user || password) out += percent_encoded(user.value_or("")) + (password ? ":***@" : "@");
  // host:port pairs in the authority where they fit; a socket directory or lists that do not pair
  // up go to the query, as keywords.
  auto hosts = split_list(host);
  auto ports = split_list(port);
  const bool pairs = !hosts.empty() && (ports.empty() || ports.size() == hosts.size()) &&
                     std::none_of(hosts.begin(), hosts.end(), [](const auto& h) { return h.empty() || h.find('/') != std::string::npos; });
  if (pairs) {
    for (std::size_t i = 0; i < hosts.size(); ++i) {
      if (i > 0) out += ',';
      out += hosts[i].find(':') != std::string::npos ? "[" + percent_encoded(hosts[i], ":") + "]" : percent_encoded(hosts[i]);
      if (!ports.empty() && !ports[i].empty()) out += ":" + percent_encoded(ports[i]);
    }
  } else if (hosts.empty() && ports.size() == 1) {
    out += ":" + percent_encoded(*port);
  } else {
    if (port) options.insert(options.begin(), {"port", *port});
    if (host) options.insert(options.begin(), {"host", *host});
  }
  if (dbname) out += "/" + percent_encoded(*dbname);
  for (std::size_t i = 0; i < options.size(); ++i) {
    out += fmt::format("{}{}={}", i == 0 ? "?" : "&", options[i].keyword,
                       secret(options[i].keyword) ? "***" : percent_encoded(options[i].value, "/:,@"));
  }
  return out;
}

// host=db port=5432 dbname=shop user=app password=*** sslmode=require
std::string shown_keywords(ConnOptions options) {
  static constexpr std::array<std::string_view, 6> kFirst = {"host", "hostaddr", "port", "dbname", "user", "password"};
  ConnOptions ordered;
  for (auto k : kFirst) {
    if (auto v = take(options, k)) ordered.push_back({std::string(k), std::move(*v)});
  }
  ordered.insert(ordered.end(), options.begin(), options.end());
  std::string out;
  for (const auto& [keyword, value] : ordered) {
    const bool bare = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._-/:,@+%~").find(c) != std::string_view::npos;
    });
    if (!out.empty()) out += ' ';
    out += keyword + "=" + (secret(keyword) ? "***" : bare ? value : quoted(value));
  }
  return out;
}

} // namespace

std::optional<std::string> conninfo_problem(const std::string& conninfo) {
  auto parsed = parse(conninfo);
  if (parsed.options) return std::nullopt;
  return fmt::format("{} ({})", parsed.problem, advice(conninfo));
}

ConnOptions parse_conninfo(const std::string& conninfo) {
  auto parsed = parse(conninfo);
  if (!parsed.options) throw UsageError(fmt::format("cannot read the database URL: {}", parsed.problem), advice(conninfo));
  return std::move(*parsed.options);
}

std::string to_conninfo(const ConnOptions& options) {
  std::string out;
  for (const auto& [keyword, value] : options) {
    if (!out.empty()) out += ' ';
    out += keyword + "=" + quoted(value);
  }
  return out;
}

std::string connect_string(const std::string& conninfo, bool timeout_from_env) {
  ConnOptions options = parse_conninfo(conninfo);
  if (!has(options, "fallback_application_name")) options.push_back({"fallback_application_name", "migrate"});
  if (!has(options, "connect_timeout") && !timeout_from_env) options.push_back({"connect_timeout", "10"});
  return to_conninfo(options);
}

std::string mask_conninfo(const std::string& conninfo) {
  if (conninfo.empty()) return "";
  auto parsed = parse(conninfo);
  if (!parsed.options) return "(a connection string libpq cannot read)";
  if (is_url(conninfo)) return shown_url(conninfo.substr(0, conninfo.find("://") + 3), std::move(*parsed.options));
  return shown_keywords(std::move(*parsed.options));
}

std::string describe(const std::string& conninfo) {
  if (conninfo.empty()) return "the server given by libpq's PG* variables";
  return mask_conninfo(conninfo);
}

std::string tls_hint(std::string_view e) {
  auto says = [&](std::string_view what) { return e.find(what) != std::string_view::npos; };
  if (says("does not match host name")) {
    return "TLS: with sslmode=verify-full the server's certificate must name the host migrate connects to; connect by a name the "
           "certificate lists (the provider's host name, not an IP address, unless the certificate lists that address), or "
           "use sslmode=verify-ca to check the signature only";
  }
  if (says("certificate verify failed") || says("self-signed certificate") || says("self signed certificate") ||
      says("unable to get local issuer certificate") || says("certificate has expired") || says("certificate is not yet valid")) {
    return "TLS: the server's certificate was not accepted: sslrootcert (PGSSLROOTCERT; by default ~/.postgresql/root.crt) must "
           "hold the certificate of the CA that signed it (the provider's CA bundle), and the certificate must be valid now";
  }
  if (says("root certificate file") || says("could not read root certificate")) {
    return "TLS: sslmode=verify-ca and verify-full check the server's certificate against sslrootcert (PGSSLROOTCERT; by default "
           "~/.postgresql/root.crt): give the CA's certificate file there";
  }
  if (says("no encryption") && says("pg_hba")) {
    return "the server takes this connection only over TLS: set sslmode=verify-full and sslrootcert=CA-FILE in the URL "
           "(or PGSSLMODE and PGSSLROOTCERT)";
  }
  if (says("server does not support SSL")) {
    return "TLS: the server offers no TLS and sslmode (PGSSLMODE) requires it: check the host and port, or the server's ssl setting";
  }
  if (says("SSL") || says("certificate") || says("sslmode") || says("private key")) {
    return "TLS: check sslmode, sslrootcert, sslcert and sslkey in the URL (or PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY)";
  }
  return {};
}

std::string with_database(const std::string& conninfo, const std::string& dbname) {
  ConnOptions options = parse_conninfo(conninfo);
  take(options, "dbname");
  options.insert(options.begin(), {"dbname", dbname});
  return to_conninfo(options);
}

namespace {

// The value of `keyword` in `conninfo` as libpq reads it, and each substring of `conninfo` that libpq
// decodes to it.
std::vector<std::string> secret_forms(const std::string& conninfo, std::string_view keyword) {
  auto parsed = parse(conninfo);
  if (!parsed.options) return {};
  auto password = take(*parsed.options, keyword);
  if (!password || password->empty()) return {};
  const std::string& p = *password;
  std::vector<std::string> forms = {p};
  // Each substring that decodes to the password the way libpq decodes it: %XX in a URL, a backslash
  // before any character in key=value (quoted or not).
  const bool url = is_url(conninfo);
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t start = 0; start < conninfo.size(); ++start) {
    std::size_t at = start;
    std::size_t matched = 0;
    while (matched < p.size() && at < conninfo.size()) {
      char c = conninfo[at];
      std::size_t width = 1;
      if (url && c == '%' && at + 2 < conninfo.size() && hex(conninfo[at + 1]) && hex(conninfo[at + 2])) {
        c = static_cast<char>(std::stoi(conninfo.substr(at + 1, 2), nullptr, 16));
        width = 3;
      } else if (!url && c == '\\' && at + 1 < conninfo.size()) {
        c = conninfo[at + 1];
        width = 2;
      }
      if (c != p[matched]) break;
      ++matched;
      at += width;
    }
    std::string written = conninfo.substr(start, at - start);
    if (matched == p.size() && std::find(forms.begin(), forms.end(), written) == forms.end()) forms.push_back(std::move(written));
  }
  return forms;
}

} // namespace

std::vector<std::string> password_forms(const std::string& conninfo) { return secret_forms(conninfo, "password"); }

void register_password(const std::string& conninfo) {
  if (conninfo.empty()) return;
  // Read when something is first scrubbed: a command that never connects and prints no log line
  // (lint) does not load libpq for it.
  util::register_secrets_later([conninfo] {
    auto forms = password_forms(conninfo);
    for (auto& form : secret_forms(conninfo, "sslpassword")) forms.push_back(std::move(form));
    return forms;
  });
}

} // namespace migrate::db
