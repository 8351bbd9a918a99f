//! Questions asked of the store.
