package io.atq.results;

import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;

import java.nio.file.Path;
import java.util.List;

/**
 * A JMeter test plan built in code: one thread group per worker, each looping over the pages of a
 * {@link LatencyServer} and saving its own results file through a {@link ResultCollector} inside the group (a
 * listener hears only the samplers of its own group), as each worker of a distributed run saves its own JTL.
 */
final class WorkerPlan {
    /** The sampler labels, one per page: fast, slow, failing now and then. */
    static final List<String> LABELS = List.of("home", "search", "checkout");

    /**
     * One worker.
     *
     * @param name the thread group's name (its threads are called "{@code name} 1-1" …)
     * @param slow whether its requests take three times as long
     * @param jtl  the results file it writes
     */
    record Worker(String name, boolean slow, Path jtl) {
    }

    private WorkerPlan() {
    }

    /** The plan of {@code workers}, each with {@code threads} threads looping {@code loops} times over the pages. */
    static HashTree of(LatencyServer sut, List<Worker> workers, int threads, int loops) {
        // Listed, not plain: a plain HashTree forgets the samplers' order.
        HashTree tree = new ListedHashTree();
        TestPlan plan = new TestPlan("results merged across workers");
        HashTree planTree = tree.add(plan);
        for (Worker worker : workers) {
            HashTree group = planTree.add(threadGroup(worker.name(), threads, loops));
            for (String label : LABELS) {
                group.add(sampler(sut, label, worker.slow()));
            }
            ResultCollector results = new ResultCollector();
            results.setName(worker.name() + " results");
            results.setFilename(worker.jtl().toString());
            group.add(results);
        }
        return tree;
    }

    private static ThreadGroup threadGroup(String name, int threads, int loops) {
        LoopController loop = new LoopController();
        loop.setLoops(loops);
        loop.setContinueForever(false);
        ThreadGroup group = new ThreadGroup();
        group.setName(name);
        group.setNumThreads(threads);
        group.setRampUp(1);
        group.setSamplerController(loop);
        return group;
    }

    private static HTTPSamplerProxy sampler(LatencyServer sut, String label, boolean slow) {
        HTTPSamplerProxy sampler = new HTTPSamplerProxy();
        sampler.setName(label);
        sampler.setProtocol("http");
        sampler.setDomain(sut.host());
        sampler.setPort(sut.port());
        sampler.setPath((slow ? "/slow/" : "/") + label);
        sampler.setMethod("GET");
        sampler.setUseKeepAlive(true);
        sampler.setConnectTimeout("5000");
        sampler.setResponseTimeout("10000");
        return sampler;
    }
}
