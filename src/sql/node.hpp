#pragma once
// libpg_query's JSON parse trees, read once into an arena: children contiguous, keys and strings as
// views into the JSON text (unescaped copies only where the text has escapes), nothing freed one by
// one. Read-only, with the accessors the linter uses (named as nlohmann::json names them, but
// returning references instead of copies). Measured in tests/bench: building nlohmann::json trees and
// freeing them was half of lint's time.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace migrate::sql {

class Node {
public:
  enum class Type : std::uint8_t { null, boolean, number, string, array, object };

  [[nodiscard]] Type type() const { return type_; }
  [[nodiscard]] bool is_null() const { return type_ == Type::null; }
  [[nodiscard]] bool is_object() const { return type_ == Type::object; }
  [[nodiscard]] bool is_array() const { return type_ == Type::array; }
  [[nodiscard]] bool is_string() const { return type_ == Type::string; }
  [[nodiscard]] std::size_t size() const { return type_ == Type::array || type_ == Type::object ? n_ : 0; }
  [[nodiscard]] bool empty() const { return size() == 0; }

  // Objects: the child under a key, or nullptr / the null node.
  [[nodiscard]] const Node* find(std::string_view key) const;
  [[nodiscard]] bool contains(std::string_view key) const { return find(key) != nullptr; }
  [[nodiscard]] const Node& operator[](std::string_view key) const;
  [[nodiscard]] const Node& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  [[nodiscard]] const Node& at(std::string_view key) const; // throws std::out_of_range
  // Arrays: the i-th element. Objects: the i-th value.
  [[nodiscard]] const Node& operator[](std::size_t i) const { return children_[i]; }
  [[nodiscard]] std::string_view key(std::size_t i) const { return keys_[i]; }

  // A child's value, or the default when the key is missing or of another type.
  [[nodiscard]] std::string value(std::string_view key, const char* fallback) const;
  [[nodiscard]] bool value(std::string_view key, bool fallback) const;
  [[nodiscard]] int value(std::string_view key, int fallback) const;
  [[nodiscard]] std::size_t value(std::string_view key, std::size_t fallback) const;
  [[nodiscard]] const Node& value(std::string_view key, const Node& fallback) const;

  [[nodiscard]] std::string_view str() const { return type_ == Type::string ? std::string_view(chars_, n_) : std::string_view(); }
  [[nodiscard]] long long number() const { return type_ == Type::number ? number_ : 0; }
  [[nodiscard]] bool boolean() const { return type_ == Type::boolean && boolean_; }

  // Iteration visits array elements, or object values (keys by index), as nlohmann's does.
  [[nodiscard]] const Node* begin() const { return size() ? children_ : nullptr; }
  [[nodiscard]] const Node* end() const { return size() ? children_ + n_ : nullptr; }

  static const Node& null_node();
  static const Node& empty_object();
  static const Node& empty_array();

private:
  friend class TreeBuilder;
  Type type_ = Type::null;
  std::uint32_t n_ = 0;
  const std::string_view* keys_ = nullptr; // objects
  union {
    const Node* children_ = nullptr; // arrays and objects
    const char* chars_;              // strings
    long long number_;
    bool boolean_;
  };
};

// A node and shared ownership of the arena it lives in.
class Tree {
public:
  Tree() = default;
  Tree(std::shared_ptr<const void> owner, const Node* node) : owner_(std::move(owner)), node_(node) {}
  const Node& operator*() const { return *node_; }
  const Node* operator->() const { return node_; }
  operator const Node&() const { return *node_; } // NOLINT: a Tree is used where a Node is read
  // The same arena, another node in it.
  [[nodiscard]] Tree sub(const Node& n) const { return Tree(owner_, &n); }

private:
  std::shared_ptr<const void> owner_;
  const Node* node_ = &Node::null_node();
};

// Reads JSON text (as libpg_query writes it) into a new arena. Throws std::runtime_error when malformed.
Tree parse_json(std::string_view json);

} // namespace migrate::sql
