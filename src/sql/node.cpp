#include "sql/node.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory_resource>
#include <vector>

namespace migrate::sql {

const Node& Node::null_node() {
  static const Node n{};
  return n;
}

const Node* Node::find(std::string_view key) const {
  if (type_ != Type::object) return nullptr;
  for (std::uint32_t i = 0; i < n_; ++i) {
    if (keys_[i] == key) return &children_[i];
  }
  return nullptr;
}

const Node& Node::operator[](std::string_view key) const {
  const Node* n = find(key);
  return n ? *n : null_node();
}

const Node& Node::at(std::string_view key) const {
  const Node* n = find(key);
  if (!n) throw std::out_of_range("no key " + std::string(key) + " in the parse tree");
  return *n;
}

std::string Node::value(std::string_view key, const char* fallback) const {
  const Node* n = find(key);
  return n && n->is_string() ? std::string(n->str()) : std::string(fallback);
}
bool Node::value(std::string_view key, bool fallback) const {
  const Node* n = find(key);
  return n && n->type_ == Type::boolean ? n->boolean_ : fallback;
}
int Node::value(std::string_view key, int fallback) const {
  const Node* n = find(key);
  return n && n->type_ == Type::number ? static_cast<int>(n->number_) : fallback;
}
std::size_t Node::value(std::string_view key, std::size_t fallback) const {
  const Node* n = find(key);
  return n && n->type_ == Type::number && n->number_ >= 0 ? static_cast<std::size_t>(n->number_) : fallback;
}
const Node& Node::value(std::string_view key, const Node& fallback) const {
  const Node* n = find(key);
  return n ? *n : fallback;
}

// The arena: the JSON text, the nodes, the keys and unescaped strings, released together.
// Its first buffer is sized from the JSON (the nodes take about as many bytes as their text), and
// grows from there: a fixed 64 kB each was most of what a run over thousands of small files allocated
// and touched (`migrate status` over 10,000 one-statement files asked for 1.3 GB of buffers).
struct Arena {
  explicit Arena(std::size_t json_size) : memory{std::max<std::size_t>(512, json_size * 2)} {}
  std::pmr::monotonic_buffer_resource memory;
  std::string text;
};

class TreeBuilder {
public:
  explicit TreeBuilder(Arena& arena) : arena_(arena), s_(arena.text) {}
  static void set_type(Node& n, Node::Type type) { n.type_ = type; }

  const Node* build() {
    Node root = value();
    ws();
    if (i_ != s_.size()) fail("trailing text");
    Node* out = alloc<Node>(1);
    *out = root;
    return out;
  }

private:
  template <typename T> T* alloc(std::size_t n) {
    return static_cast<T*>(arena_.memory.allocate(sizeof(T) * n, alignof(T)));
  }
  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(std::string("malformed parse tree JSON: ") + what + " at " + std::to_string(i_));
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  char peek() {
    ws();
    if (i_ >= s_.size()) fail("unexpected end");
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c) fail("unexpected character");
    ++i_;
  }

  std::string_view string() {
    expect('"');
    const std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\') ++i_;
    if (i_ < s_.size() && s_[i_] == '"') return s_.substr(start, (i_++) - start); // no escapes: a view
    std::string out(s_.substr(start, i_ - start));
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) fail("unterminated escape");
      char e = s_[i_++];
      switch (e) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        if (i_ + 4 > s_.size()) fail("short \\u escape");
        unsigned cp = 0;
        std::from_chars(s_.data() + i_, s_.data() + i_ + 4, cp, 16);
        i_ += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 6 <= s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
          unsigned lo = 0;
          std::from_chars(s_.data() + i_ + 2, s_.data() + i_ + 6, lo, 16);
          i_ += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (cp < 0x80) {
          out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
          out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        break;
      }
      default: out.push_back(e); // \" \\ \/
      }
    }
    if (i_ >= s_.size()) fail("unterminated string");
    ++i_;
    char* copy = alloc<char>(out.size());
    std::memcpy(copy, out.data(), out.size());
    return {copy, out.size()};
  }

  Node value() {
    Node n;
    const char c = peek();
    if (c == '{' || c == '[') {
      // Objects and arrays alike: members until the closing bracket; objects have a key before each.
      const bool object = c == '{';
      const char close = object ? '}' : ']';
      ++i_;
      const std::size_t base = scratch_.size();
      if (peek() != close) {
        for (;;) {
          if (object) {
            keys_.push_back(string());
            expect(':');
          }
          scratch_.push_back(value());
          if (peek() != ',') break;
          ++i_;
        }
      }
      expect(close);
      seal(n, object ? Node::Type::object : Node::Type::array, base);
    } else if (c == '"') {
      auto sv = string();
      n.type_ = Node::Type::string;
      n.chars_ = sv.data();
      n.n_ = static_cast<std::uint32_t>(sv.size());
    } else if (c == 't' || c == 'f' || c == 'n') {
      std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
      if (s_.substr(i_, word.size()) != word) fail("bad literal");
      i_ += word.size();
      if (c != 'n') {
        n.type_ = Node::Type::boolean;
        n.boolean_ = c == 't';
      }
    } else {
      const std::size_t start = i_;
      while (i_ < s_.size() && (std::strchr("+-0123456789.eE", s_[i_]) != nullptr)) ++i_;
      if (i_ == start) fail("unexpected character");
      long long v = 0;
      std::from_chars(s_.data() + start, s_.data() + i_, v);
      n.type_ = Node::Type::number;
      n.number_ = v;
    }
    return n;
  }

  // Moves the children collected since `base` (and their keys, for an object) into the arena.
  void seal(Node& n, Node::Type type, std::size_t base) {
    const std::size_t count = scratch_.size() - base;
    n.type_ = type;
    n.n_ = static_cast<std::uint32_t>(count);
    if (count == 0) return;
    Node* kids = alloc<Node>(count);
    std::memcpy(static_cast<void*>(kids), scratch_.data() + base, sizeof(Node) * count);
    n.children_ = kids;
    scratch_.resize(base);
    if (type == Node::Type::object) {
      auto* keys = alloc<std::string_view>(count);
      std::memcpy(static_cast<void*>(keys), keys_.data() + (keys_.size() - count), sizeof(std::string_view) * count);
      n.keys_ = keys;
      keys_.resize(keys_.size() - count);
    }
  }

  Arena& arena_;
  std::string_view s_;
  std::size_t i_ = 0;
  std::vector<Node> scratch_;
  std::vector<std::string_view> keys_;
};

namespace {
Node empty_of(Node::Type type) {
  Node n;
  TreeBuilder::set_type(n, type);
  return n;
}
} // namespace

const Node& Node::empty_object() {
  static const Node n = empty_of(Type::object);
  return n;
}

const Node& Node::empty_array() {
  static const Node n = empty_of(Type::array);
  return n;
}

Tree parse_json(std::string_view json) {
  auto arena = std::make_shared<Arena>(json.size());
  arena->text.assign(json);
  TreeBuilder builder(*arena);
  const Node* root = builder.build();
  return Tree(std::shared_ptr<const void>(arena, arena.get()), root);
}

} // namespace migrate::sql
