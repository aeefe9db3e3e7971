// IndexCheck::unreadable: a shard or index that cannot be read is named with the fix for its
// kind of failure.
#include "index_check.hpp"

#include "errors.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

namespace {

const std::string kFix =
    "start or restart the xapian-tcpsrv serving it, or remove its line from 'shards.stub'";

std::string message_for(const Xapian::Error& e) {
    return yalu::IndexCheck::unreadable("cannot open shard 'remote 127.0.0.1:8101'", e,
                                        "shards.stub")
        .what();
}

}  // namespace

TEST(IndexCheck, ARemoteShardDownIsNamedWithTheFix) {
    const std::string message = message_for(
        Xapian::NetworkError("Couldn't connect", "remote:tcp(127.0.0.1:8101)", ECONNREFUSED));
    EXPECT_NE(message.find(kFix), std::string::npos) << message;
}

TEST(IndexCheck, ARemoteShardThatDoesNotAnswerIsNamedWithTheFix) {
    // A server that took the connection and never answered (hung, stopped) times out after
    // Xapian's 10 s: the message said "Timeout expired while trying to read" and no more.
    const std::string message = message_for(Xapian::NetworkTimeoutError(
        "Timeout expired while trying to read", "remote:tcp(127.0.0.1:8101)"));
    EXPECT_NE(message.find("NetworkTimeoutError"), std::string::npos) << message;
    EXPECT_NE(message.find(kFix), std::string::npos) << message;
}

TEST(IndexCheck, ADamagedIndexIsNamedWithTheRebuild) {
    const std::string message =
        message_for(Xapian::DatabaseCorruptError("Expected block 7 to be level 0"));
    EXPECT_NE(message.find("xapian-check"), std::string::npos) << message;
    EXPECT_EQ(message.find("xapian-tcpsrv"), std::string::npos) << message;
}
