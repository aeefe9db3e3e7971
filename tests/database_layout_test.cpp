// DatabaseLayout: a new database holds its metadata from the commit that creates it, before
// the stub names it, so a first run killed at any moment never leaves an index searches refuse.
#include "database_layout.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

TEST(DatabaseLayout, ANewDatabaseHoldsItsMetadataFromItsFirstCommit) {
    const fs::path dir = fs::temp_directory_path() / ("yalu-layout-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
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
    fs::remove_all(dir);
}

}  // namespace
