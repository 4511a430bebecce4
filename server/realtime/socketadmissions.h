// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "realtime/realtimestore.h"

#include <QList>
#include <QObject>

#include <functional>

namespace natter::server::realtime {

class Hub;

//! Admits authenticated sockets in batches. Every socket whose token was verified in one pass
//! of the event loop waits for the same database job, which checks all their sign-ins at once
//! (RealtimeStore::admit, four statements). One job per socket (two round trips and four
//! statements each) made a reconnect storm of 5,000 sockets 20,000 statements and 10,000 pool
//! jobs. While kMaxJobs are running, new sockets gather into the next batch, as sends do in the
//! group commit: the busier the database, the larger the batches.
class SocketAdmissions final
{
public:
    //! The answer for one socket, and the hub's event counter read before its session was:
    //! events after it may be missing from the session (Hub::add replays them).
    using Admitted = std::function<void(const Result<Admission> &admission, quint64 loadedAt)>;

    //! `context` is the object the answers are delivered on (its thread); it must outlive the
    //! store's pool, so that a job finishing during shutdown posts to a live object.
    SocketAdmissions(RealtimeStore &store, const Hub &hub, QObject *context);

    void admit(const SignIn &signIn, Admitted admitted);

    static constexpr int kMaxBatch = 500;
    static constexpr int kMaxJobs = 2;

private:
    void flushSoon();
    void flush();

    struct Waiting
    {
        SignIn signIn;
        Admitted admitted;
    };

    RealtimeStore &m_store;
    const Hub &m_hub;
    QObject *m_context;
    QList<Waiting> m_waiting;
    int m_jobs = 0;
    bool m_flushQueued = false;
};

} // namespace natter::server::realtime
