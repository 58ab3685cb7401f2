// walker::children — iterate a node's children with a pooled TSTreeCursor (internal).
#pragma once

#include "walker.hpp"

namespace asynclift::detail {

class walker::children {
 public:
  children(walker& w, TSNode parent) : w_(w) {
    if (w_.cursor_depth_ == w_.cursors_.size()) w_.cursors_.push_back(ts_tree_cursor_new(parent));
    cursor_ = &w_.cursors_[w_.cursor_depth_++];
    ts_tree_cursor_reset(cursor_, parent);
    valid_ = ts_tree_cursor_goto_first_child(cursor_);
  }
  ~children() { --w_.cursor_depth_; }
  children(const children&) = delete;
  children& operator=(const children&) = delete;

  explicit operator bool() const noexcept { return valid_; }
  TSNode operator*() const noexcept { return ts_tree_cursor_current_node(cursor_); }
  asynclift::detail::field field() const noexcept {
    return w_.g_.field_of(ts_tree_cursor_current_field_id(cursor_));
  }
  children& operator++() noexcept {
    valid_ = ts_tree_cursor_goto_next_sibling(cursor_);
    return *this;
  }

 private:
  walker& w_;
  TSTreeCursor* cursor_;
  bool valid_;
};

}  // namespace asynclift::detail
