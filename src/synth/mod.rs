//! Synthetic captures: scripted two-way byte dialogues turned into packets. (Helper-owned.)
