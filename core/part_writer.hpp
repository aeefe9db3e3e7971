#pragma once
// PartWriter: writes the new articles of a large run into scratch databases ("parts") and
// merges them with the run's target database by compaction.
//
// Xapian's cost per commit grows with the tables it rewrites blocks of, so one writer filling
// one big database rewrites ever more of it. Parts stay small, and one compaction at the end
// merges them: at ten copies of the corpus 8x fewer bytes written and a 30% smaller index,
// in about the same CPU time on a 2-core machine (docs/BENCHMARKS.md, fourteenth session).
// The parts are scratch: only the merged generation is ever published.

#include <xapian.h>

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace yalu {

/// Writes documents into numbered part databases under one scratch folder and merges them.
class PartWriter {
public:
    /// Parts of at most `part_size` documents in `scratch_dir` (made on the first write, removed
    /// with this object), each committed every `batch_size` documents.
    PartWriter(std::string scratch_dir, unsigned part_size, unsigned batch_size);
    /// Closes the open part and removes the scratch folder, merged or not.
    ~PartWriter();
    PartWriter(const PartWriter&) = delete;
    PartWriter& operator=(const PartWriter&) = delete;

    /// True when the document of `id_term` was written to a part in this run.
    [[nodiscard]] bool holds(const std::string& id_term) const;
    /// Writes a document: over its earlier record in the part that holds `id_term`, else into
    /// the current part (a new one when that is full). Throws Xapian::Error.
    void write(const std::string& id_term, const Xapian::Document& document);
    /// Commits the current part. Throws Xapian::Error.
    void commit();
    /// How many parts were written (0: the run wrote none, nothing to merge).
    [[nodiscard]] std::size_t part_count() const { return parts_.size(); }
    /// How many documents the parts hold.
    [[nodiscard]] std::size_t document_count() const { return owner_.size(); }
    /// Compacts `target` (first: its user metadata wins over any a part holds) and every part
    /// into a new database at `output`; `on_table` hears each table as its merge starts. Closes
    /// the current part first. Throws DatabaseError naming `output` when Xapian fails.
    void merge(const std::string& target, const std::string& output,
               const std::function<void(const std::string&)>& on_table);

private:
    [[nodiscard]] std::string part_path(std::size_t index) const;
    void start_part();
    // Commits and closes the current part, if one is open.
    void close_current();

    std::string scratch_dir_;
    unsigned part_size_;
    unsigned batch_size_;
    std::vector<std::string> parts_;                      // their paths, in writing order
    std::unordered_map<std::string, std::size_t> owner_;  // id term -> index in parts_
    Xapian::WritableDatabase current_;                    // the last part, while it is open
    bool open_ = false;
    unsigned in_current_ = 0;  // documents in the last part
    unsigned pending_ = 0;     // documents since its last commit
};

}  // namespace yalu
