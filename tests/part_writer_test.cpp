// PartWriter: documents go into parts of the given size, a repeated id stays in the part that
// holds it, and the merge keeps the target's metadata and every document once.
#include "database_layout.hpp"
#include "part_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

// A scratch folder named after the test, removed at the end.
struct Folder {
    fs::path path = fs::temp_directory_path() /
                    ("yalu-parts-" + std::to_string(getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    Folder() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Folder() { fs::remove_all(path); }
};

Xapian::Document document(const std::string& id_term, const std::string& word) {
    Xapian::Document doc;
    doc.add_boolean_term(id_term);
    doc.add_term(word);
    doc.set_data(word);
    return doc;
}

TEST(PartWriter, MergeKeepsTheTargetsMetadataAndEveryDocumentOnce) {
    const Folder dir;
    const std::string target = (dir.path / "target").string();
    {
        Xapian::WritableDatabase db(target, Xapian::DB_CREATE);
        db.set_metadata("yalu.schema_version", "3");
        db.add_document(document("Qt1", "alpha"));
        db.commit();
    }
    const std::string scratch = (dir.path / "parts").string();
    {
        yalu::PartWriter parts(scratch, 2, 1);
        for (int i = 0; i < 5; ++i)
            parts.write("Qp" + std::to_string(i), document("Qp" + std::to_string(i), "beta"));
        EXPECT_EQ(parts.part_count(), 3U);
        EXPECT_TRUE(parts.holds("Qp0"));
        EXPECT_FALSE(parts.holds("Qt1"));
        // Qp0's part is closed, Qp4's is the open one: both are replaced where they are.
        parts.write("Qp0", document("Qp0", "gamma"));
        parts.write("Qp4", document("Qp4", "gamma"));
        EXPECT_EQ(parts.document_count(), 5U);
        // A part holding the same metadata key must not override the target's.
        {
            Xapian::WritableDatabase first(scratch + "/part-0001", Xapian::DB_OPEN);
            first.set_metadata("yalu.schema_version", "99");
            first.commit();
        }
        std::vector<std::string> tables;
        parts.merge(target, (dir.path / "merged").string(),
                    [&](const std::string& table) { tables.push_back(table); });
        EXPECT_FALSE(tables.empty());
    }
    EXPECT_FALSE(fs::exists(scratch)) << "the parts outlived their writer";
    const Xapian::Database merged((dir.path / "merged").string());
    EXPECT_EQ(merged.get_metadata("yalu.schema_version"), "3");
    EXPECT_EQ(merged.get_doccount(), 6U);
    for (const char* id : {"Qt1", "Qp0", "Qp1", "Qp2", "Qp3", "Qp4"})
        EXPECT_EQ(merged.get_termfreq(id), 1U) << id;
    EXPECT_EQ(merged.get_termfreq("gamma"), 2U);
    EXPECT_EQ(merged.get_termfreq("beta"), 3U);
}

TEST(PartWriter, OnlyAStubNamingItsOwnGenerationPublishesAndLeftoverPartsAreCleaned) {
    const Folder dir;
    yalu::DatabaseLayout layout((dir.path / "db").string());
    layout.open_or_create();
    EXPECT_TRUE(layout.publishes_generations());
    fs::create_directories(layout.parts_dir() + "/part-0001");
    EXPECT_EQ(layout.clean_leftovers(), 1);
    EXPECT_FALSE(fs::exists(layout.parts_dir()));
    // A plain Xapian folder has no generation to publish a merge as.
    { Xapian::WritableDatabase plain((dir.path / "plain").string(), Xapian::DB_CREATE); }
    EXPECT_FALSE(yalu::DatabaseLayout((dir.path / "plain").string()).publishes_generations());
}

}  // namespace
