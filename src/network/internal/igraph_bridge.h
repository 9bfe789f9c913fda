// The bridge to the igraph C library: error handling, RAII holders, and the conversion of a
// graph::Graph (edges in CSR order: edge e of igraph is the e-th out-edge in node order).
#pragma once

#include <igraph.h>

#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace pl::network::internal {

// Makes igraph report errors as codes instead of aborting. Idempotent, thread-safe.
void InitIgraph();

Status Check(igraph_error_t code, const char* what);

struct IGraph {
  igraph_t g{};
  bool ok = false;
  IGraph() = default;
  IGraph(const IGraph&) = delete;
  IGraph& operator=(const IGraph&) = delete;
  ~IGraph() {
    if (ok) igraph_destroy(&g);
  }
};

struct IVector {
  igraph_vector_t v{};
  bool ok = false;
  explicit IVector(igraph_integer_t n = 0) { ok = igraph_vector_init(&v, n) == IGRAPH_SUCCESS; }
  IVector(const IVector&) = delete;
  IVector& operator=(const IVector&) = delete;
  ~IVector() {
    if (ok) igraph_vector_destroy(&v);
  }
  std::vector<double> Copy() const;
};

struct IIntVector {
  igraph_vector_int_t v{};
  bool ok = false;
  explicit IIntVector(igraph_integer_t n = 0) {
    ok = igraph_vector_int_init(&v, n) == IGRAPH_SUCCESS;
  }
  IIntVector(const IIntVector&) = delete;
  IIntVector& operator=(const IIntVector&) = delete;
  ~IIntVector() {
    if (ok) igraph_vector_int_destroy(&v);
  }
  std::vector<int64_t> Copy() const;
};

// The undirected simple graph of g: one edge per pair tied in either direction. Its weight is
// the sum of both directions: tie strengths when `weighted`, else 1 per direction (a mutual tie
// weighs 2, a one-way tie 1: the same modularity as keeping both directed edges).
Status ToUndirected(const graph::Graph& g, bool weighted, IGraph& out, IVector* weight);

// Fills `out` with g as a directed igraph; `strength` (tie strengths) and `length` (1/strength)
// per edge, when not null.
Status ToIgraph(const graph::Graph& g, IGraph& out, IVector* strength, IVector* length);

}  // namespace pl::network::internal
