// SPDX-License-Identifier: Apache-2.0
#include "realtime/socketadmissions.h"

#include "realtime/hub.h"

#include <QMetaObject>

namespace natter::server::realtime {

SocketAdmissions::SocketAdmissions(RealtimeStore &store, const Hub &hub, QObject *context)
    : m_store(store), m_hub(hub), m_context(context)
{}

void SocketAdmissions::admit(const SignIn &signIn, Admitted admitted)
{
    m_waiting.append(Waiting{signIn, std::move(admitted)});
    flushSoon();
}

void SocketAdmissions::flushSoon()
{
    if (m_flushQueued || m_jobs >= kMaxJobs || m_waiting.isEmpty())
        return;
    // After this pass of the event loop: the sockets whose tokens arrive in it join the batch.
    m_flushQueued = true;
    QMetaObject::invokeMethod(
        m_context, [this] { flush(); }, Qt::QueuedConnection);
}

void SocketAdmissions::flush()
{
    m_flushQueued = false;
    if (m_waiting.isEmpty() || m_jobs >= kMaxJobs)
        return;
    const qsizetype count = std::min<qsizetype>(m_waiting.size(), kMaxBatch);
    QList<Waiting> batch = m_waiting.mid(0, count);
    m_waiting.remove(0, count);
    QList<SignIn> signIns;
    signIns.reserve(batch.size());
    for (const Waiting &waiting : batch)
        signIns.append(waiting.signIn);
    const quint64 loadedAt = m_hub.eventCounter();
    ++m_jobs;
    m_store.admit(signIns).then(m_context, [this, batch = std::move(batch),
                                            loadedAt](const Result<QList<Admission>> &admissions) {
        --m_jobs;
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (admissions)
                batch.at(i).admitted(admissions.value().at(i), loadedAt);
            else
                batch.at(i).admitted(admissions.error(), loadedAt);
        }
        flushSoon();
    });
    flushSoon();
}

} // namespace natter::server::realtime
