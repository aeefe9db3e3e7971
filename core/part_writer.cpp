#include "part_writer.hpp"

#include "errors.hpp"

#include <cstdio>
#include <filesystem>
#include <utility>

namespace fs = std::filesystem;

namespace yalu {
namespace {

// Reports each table as its merge starts, and says which metadata wins rather than leaving it
// to the default (Xapian 1.4's Compactor returns tags[0] too, the first source's value).
class MergeCompactor : public Xapian::Compactor {
public:
    explicit MergeCompactor(const std::function<void(const std::string&)>& on_table)
        : on_table_(on_table) {}

    void set_status(const std::string& table, const std::string& status) override {
        // Called once with an empty status as each table starts, then with its results.
        if (status.empty() && on_table_) on_table_(table);
    }

    std::string resolve_duplicate_metadata(const std::string&, size_t,
                                           const std::string tags[]) override {
        // The target database is the first source: its schema version, snapshots and last run
        // are the index's. Parts hold no metadata, so this only guards against a future change.
        return tags[0];
    }

private:
    const std::function<void(const std::string&)>& on_table_;
};

}  // namespace

PartWriter::PartWriter(std::string scratch_dir, unsigned part_size, unsigned batch_size)
    : scratch_dir_(std::move(scratch_dir)), part_size_(part_size), batch_size_(batch_size) {}

PartWriter::~PartWriter() {
    // The parts are scratch whatever happened: merged, abandoned, or failed.
    if (open_) {
        try {
            current_.close();
        } catch (const Xapian::Error&) {
        }
    }
    std::error_code ec;
    fs::remove_all(scratch_dir_, ec);
}

bool PartWriter::holds(const std::string& id_term) const {
    return owner_.count(id_term) > 0;
}

std::string PartWriter::part_path(std::size_t index) const {
    char name[32];
    std::snprintf(name, sizeof name, "part-%04zu", index + 1);
    return (fs::path(scratch_dir_) / name).string();
}

void PartWriter::close_current() {
    if (!open_) return;
    current_.commit();
    current_.close();
    open_ = false;
}

void PartWriter::start_part() {
    close_current();
    std::error_code ec;
    fs::create_directories(scratch_dir_, ec);
    const std::string path = part_path(parts_.size());
    // No fsync: a part is scratch until the merge, and a crash discards it anyway.
    current_ = Xapian::WritableDatabase(
        path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    parts_.push_back(path);
    open_ = true;
    in_current_ = 0;
    pending_ = 0;
}

void PartWriter::write(const std::string& id_term, const Xapian::Document& document) {
    if (const auto it = owner_.find(id_term); it != owner_.end()) {
        if (open_ && it->second + 1 == parts_.size()) {
            current_.replace_document(id_term, document);
        } else {
            // An id repeated after its part was closed: its later record replaces the earlier
            // one there, so no id is ever in two of the databases the merge combines.
            Xapian::WritableDatabase earlier(parts_[it->second],
                                             Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            earlier.replace_document(id_term, document);
            earlier.commit();
            earlier.close();
            return;
        }
    } else {
        if (!open_ || in_current_ >= part_size_) start_part();
        current_.replace_document(id_term, document);
        owner_.emplace(id_term, parts_.size() - 1);
        ++in_current_;
    }
    if (++pending_ >= batch_size_) commit();
}

void PartWriter::commit() {
    if (!open_) return;
    current_.commit();
    pending_ = 0;
}

void PartWriter::merge(const std::string& target, const std::string& output,
                       const std::function<void(const std::string&)>& on_table) {
    try {
        close_current();
        Xapian::Database all(target);
        for (const auto& part : parts_) all.add_database(Xapian::Database(part));
        MergeCompactor compactor(on_table);
        // Multipass merges many parts' posting lists faster (its temporary files go in
        // `output`); FULL is xapian-compact's default level, fine for a database updated later.
        all.compact(output, Xapian::DBCOMPACT_MULTIPASS | Xapian::Compactor::FULL, 0, compactor);
    } catch (const Xapian::Error& e) {
        // get_description() starts with the error's type ("DatabaseError: Error writing
        // block ..."): adding get_type() named it twice.
        throw DatabaseError("cannot merge the run's " + std::to_string(parts_.size()) +
                            " part(s) in '" + scratch_dir_ + "' with '" + target + "' into '" +
                            output + "': " + e.get_description() +
                            " (check the free disk space: the merge needs about the index's "
                            "size again; rerun to add what the parts held)");
    }
}

}  // namespace yalu
