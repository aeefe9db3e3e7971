// DatabaseLayout: a new database holds its metadata from the commit that creates it, before
// the stub names it, so a first run killed at any moment never leaves an index searches refuse;
// what a first run killed before its stub leaves is started again, never taken for a lost stub.
#include "database_layout.hpp"

#include "errors.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

// An empty folder of the test's own, removed after it.
struct ScratchFolder {
    const fs::path dir = fs::temp_directory_path() / ("yalu-layout-" + std::to_string(getpid()));
    ScratchFolder() {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~ScratchFolder() { fs::remove_all(dir); }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
};

TEST(DatabaseLayout, ANewDatabaseHoldsItsMetadataFromItsFirstCommit) {
    const ScratchFolder scratch;
    const fs::path& dir = scratch.dir;
    yalu::DatabaseLayout layout((dir / "db").string());
    ASSERT_FALSE(layout.exists());
    const std::string path = layout.open_or_create({{"yalu.schema_version", "4"}});
    // Nothing else was written: what a kill right after the stub appeared would leave.
    ASSERT_TRUE(fs::is_regular_file(dir / "db"));
    const Xapian::Database db(path);
    EXPECT_EQ(db.get_metadata("yalu.schema_version"), "4");
    EXPECT_EQ(db.get_doccount(), 0U);
    // Document data is still compressed: metadata written in the creating commit made Xapian
    // 1.4.22 store it raw (the archive's index grew by a tenth).
    {
        Xapian::WritableDatabase writer(path, Xapian::DB_OPEN);
        std::string data;
        for (int i = 0; i < 40; ++i) data += "the same article text, again and again. ";
        for (int i = 0; i < 2000; ++i) {
            Xapian::Document doc;
            doc.set_data(data + std::to_string(i));
            writer.add_document(doc);
        }
        writer.commit();
    }
    const auto docdata = fs::file_size(dir / "db.d/gen-000001/docdata.glass");
    EXPECT_LT(docdata, 1000000U) << "2,000 x 1.6 KB of data stored uncompressed";
}

// A first run killed before the stub named its generation (kill -9 in its first 100 ms) left
// a generation holding only what open_or_create commits, which every later run refused as a
// lost stub. It holds nothing to lose: the next run makes the database again.
TEST(DatabaseLayout, AFirstRunKilledBeforeItsStubLeavesNoLostStub) {
    for (const std::string left :
         {"a folder Xapian had begun", "an empty database", "a database with its metadata"}) {
        SCOPED_TRACE(left);
        const ScratchFolder scratch;
        const fs::path gen = scratch.dir / "db.d/gen-000001";
        if (left == "a folder Xapian had begun") {
            fs::create_directories(gen);
            std::ofstream(gen / "postlist.glass") << "";
        } else {
            yalu::DatabaseLayout first((scratch.dir / "db").string());
            first.open_or_create(left == "an empty database" ? yalu::DatabaseLayout::Metadata{}
                                                             : yalu::DatabaseLayout::Metadata{
                                                                   {"yalu.schema_version", "4"}});
            // Killed before the stub's rename, or during a commit (Xapian's next revision file).
            fs::remove(scratch.dir / "db");
            std::ofstream(gen / "v.tmp") << "half written";
        }
        yalu::DatabaseLayout layout((scratch.dir / "db").string());
        EXPECT_TRUE(layout.is_interrupted_first_run());
        EXPECT_FALSE(layout.is_orphaned());
        EXPECT_NO_THROW(layout.check_writable());
        EXPECT_NO_THROW(layout.open_or_create({{"yalu.schema_version", "5"}}));
        EXPECT_EQ(layout.live_generation(), gen.string());
        EXPECT_FALSE(fs::exists(gen / "v.tmp"));  // made anew, not reused
        const Xapian::Database db(layout.path());
        EXPECT_EQ(db.get_metadata("yalu.schema_version"), "5");
    }
}

// A stub lost beside a generation that a run wrote into (documents, or only its record) stays
// a lost stub, even beside an empty generation: making the database again would overwrite it.
TEST(DatabaseLayout, AStubLostBesideAGenerationARunWroteIntoStaysLost) {
    for (const std::string written : {"a document", "a recorded run", "an older generation"}) {
        SCOPED_TRACE(written);
        const ScratchFolder scratch;
        yalu::DatabaseLayout layout((scratch.dir / "db").string());
        const std::string path = layout.open_or_create({{"yalu.schema_version", "4"}});
        {
            Xapian::WritableDatabase writer(path, Xapian::DB_OPEN);
            if (written == "a recorded run")
                writer.set_metadata("yalu.last_run", R"({"added":0})");
            else
                writer.add_document(Xapian::Document());
            writer.commit();
        }
        // A rebuild killed before it published: empty, newer than the index.
        if (written == "an older generation")
            Xapian::WritableDatabase((scratch.dir / "db.d/gen-000002").string(),
                                     Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS)
                .commit();
        fs::remove(scratch.dir / "db");
        EXPECT_FALSE(layout.is_interrupted_first_run());
        EXPECT_TRUE(layout.is_orphaned());
        EXPECT_THROW(layout.check_writable(), yalu::DatabaseError);
        EXPECT_THROW(layout.open_or_create(), yalu::DatabaseError);
        EXPECT_EQ(Xapian::Database((scratch.dir / "db.d/gen-000001").string()).get_revision(), 2U);
    }
}

// A publish removes the generations it replaces (the one before the previous, a rebuild's own
// unmerged one) before the stub names the new one. It removed them after, so a run killed
// between the two steps left them beside the new live generation for good: the next run only
// removes generations above the live one (what a killed rebuild leaves), so two copies of the
// index stayed on disk until the next rebuild or merge. Here the stub cannot be written (its
// temporary name is a folder), which stops the publish at the same point.
TEST(DatabaseLayout, APublishRemovesTheGenerationsItReplacesBeforeTheStubNamesTheNewOne) {
    const ScratchFolder scratch;
    const std::string db = (scratch.dir / "db").string();
    yalu::DatabaseLayout layout(db);
    layout.open_or_create({{"yalu.schema_version", "5"}});
    for (int n = 2; n <= 4; ++n) {
        const std::string gen = layout.begin_rebuild();
        Xapian::WritableDatabase(gen, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS).commit();
    }
    std::ofstream(db) << "auto db.d/gen-000002\n";  // 1: previous, 3: a rebuild's unmerged one
    fs::create_directories(db + ".stub-tmp/in-the-way");
    EXPECT_THROW(layout.publish(scratch.dir / "db.d/gen-000004"), yalu::DatabaseError);
    EXPECT_EQ(layout.live_generation(), (scratch.dir / "db.d/gen-000002").string());
    std::set<std::string> left;
    for (const auto& entry : fs::directory_iterator(scratch.dir / "db.d"))
        left.insert(entry.path().filename().string());
    EXPECT_EQ(left, (std::set<std::string>{"gen-000002", "gen-000004"}));

    fs::remove_all(db + ".stub-tmp");
    layout.publish(scratch.dir / "db.d/gen-000004");
    EXPECT_EQ(layout.live_generation(), (scratch.dir / "db.d/gen-000004").string());
    EXPECT_TRUE(fs::exists(scratch.dir / "db.d/gen-000002"));  // kept for a rollback
}

}  // namespace
