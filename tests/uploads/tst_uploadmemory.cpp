// SPDX-License-Identifier: Apache-2.0
// The upload memory figure (docs/benchmarks.md, "Uploads"): ten clients upload a 10 MB image
// each at the same time, and the server's peak resident memory must grow by far less than the
// 100 MB in flight, because uploads stream to disk instead of through Qt's HTTP server, which
// would hold each body whole (and more: a 300 MB POST once took a process to 600 MB).
#include "chatfixture.h"
#include "imagesamples.h"
#include "rawhttp.h"

#include <QElapsedTimer>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

constexpr int kClients = 10;

//! One client writing its whole request, a chunk at a time as the socket drains.
class Uploader final : public QObject
{
public:
    Uploader(quint16 port, QByteArray request) : m_request(std::move(request))
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this] { pump(); });
        connect(&m_socket, &QTcpSocket::bytesWritten, this, [this] { pump(); });
        connect(&m_socket, &QTcpSocket::readyRead, this,
                [this] { m_answer += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    [[nodiscard]] bool answered() const { return m_answer.contains("\r\n\r\n"); }
    [[nodiscard]] QByteArray answer() const { return m_answer; }

private:
    void pump()
    {
        while (m_sent < m_request.size() && m_socket.bytesToWrite() < 256 * 1024) {
            const QByteArray chunk = m_request.mid(m_sent, 64 * 1024);
            m_socket.write(chunk);
            m_sent += chunk.size();
        }
    }

    QTcpSocket m_socket;
    QByteArray m_request;
    qsizetype m_sent = 0;
    QByteArray m_answer;
};

} // namespace

class TestUploadMemory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dataDir;
    ChatFixture m_chat;

private Q_SLOTS:
    void initTestCase()
    {
        QProcessEnvironment env;
        env.insert(u"NATTER_DATA_DIR"_s, m_dataDir.path());
        QVERIFY(m_chat.start(env));
    }
    void cleanupTestCase() { m_chat.stop(); }

    void tenConcurrentTenMegabyteUploadsStayOutOfMemory()
    {
#if defined(__SANITIZE_ADDRESS__)
        // ASan keeps freed memory in its quarantine (256 MB by default), so the server's RSS
        // grows with every buffer it ever freed: the figure would say nothing about buffering.
        QSKIP("RSS is not the server's own under AddressSanitizer (make test-asan)");
#endif
        const Account alice = m_chat.createUser(u"alice"_s);
        // Noise does not compress: 1,800 x 1,800 RGB is a PNG of about 9.7 MB.
        QImage noise(1800, 1800, QImage::Format_RGB32);
        for (int y = 0; y < noise.height(); ++y) {
            auto *line = reinterpret_cast<quint32 *>(noise.scanLine(y));
            QRandomGenerator::global()->fillRange(line, noise.width());
        }
        const QByteArray image = samples::encode(noise, "png");
        QVERIFY(image.size() > 9 * 1000 * 1000);
        QVERIFY(image.size() <= 10 * 1024 * 1024);
        const QByteArray request =
            "POST /api/v1/uploads?name=noise.png HTTP/1.1\r\nHost: localhost\r\n"
            "Authorization: Bearer "_ba +
            alice.token.toLatin1() + "\r\nContent-Type: image/png\r\nContent-Length: "_ba +
            QByteArray::number(image.size()) + "\r\n\r\n"_ba + image;

        const qint64 pid = m_chat.server().pid();
        const qint64 before = rssBytes(pid);
        const qint64 peakBefore = peakRssBytes(pid);
        QElapsedTimer timer;
        timer.start();
        std::vector<std::unique_ptr<Uploader>> uploaders;
        for (int i = 0; i < kClients; ++i)
            uploaders.push_back(std::make_unique<Uploader>(m_chat.server().port(), request));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(uploaders.begin(), uploaders.end(),
                                             [](const auto &u) { return u->answered(); }),
                                 120000);
        const double seconds = timer.elapsed() / 1000.0;
        for (const auto &uploader : uploaders)
            QVERIFY2(uploader->answer().startsWith("HTTP/1.1 201"), uploader->answer().constData());
        const qint64 peak = peakRssBytes(pid);
        const qint64 growth = peak - before;
        const qint64 inFlight = qint64(kClients) * image.size();
        qInfo("upload memory: %d clients x %.1f MB = %.1f MB uploaded in %.1f s; server RSS "
              "before %.1f MB (peak so far %.1f MB), peak during %.1f MB, growth %.1f MB = %.2f "
              "of the bytes in flight",
              kClients, image.size() / 1e6, inFlight / 1e6, seconds, before / 1e6, peakBefore / 1e6,
              peak / 1e6, growth / 1e6, double(growth) / double(inFlight));
        // Qt's HTTP server would hold every body whole (growth >= 1.0 of what is in flight).
        QVERIFY2(growth < inFlight / 2, qPrintable(u"peak RSS grew by %1 MB"_s.arg(growth / 1e6)));
    }
};

QTEST_GUILESS_MAIN(TestUploadMemory)
#include "tst_uploadmemory.moc"
